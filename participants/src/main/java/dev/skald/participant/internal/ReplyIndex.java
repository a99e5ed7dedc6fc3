package dev.skald.participant.internal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The in-memory index of one worker's reply log: for each partition it owns, the replies sent within the dedupe
 * window, by command id, in the order they were written. Entries older than the window are evicted from the head.
 * Not thread-safe: one worker owns it.
 */
final class ReplyIndex {
    private record Entry(byte[] reply, long timestamp) {
    }

    private final Map<Integer, LinkedHashMap<String, Entry>> partitions = new HashMap<>();
    private final long retentionMs;
    private volatile int size;

    ReplyIndex(long retentionMs) {
        this.retentionMs = retentionMs;
    }

    /** The stored reply of a command in a partition, or null. */
    byte[] get(int partition, String commandId) {
        LinkedHashMap<String, Entry> entries = partitions.get(partition);
        Entry entry = entries == null ? null : entries.get(commandId);
        return entry == null ? null : entry.reply();
    }

    /** Stores a reply written at {@code timestamp} (epoch millis); one older than the window is ignored. */
    void put(int partition, String commandId, byte[] reply, long timestamp, long now) {
        if (timestamp < now - retentionMs) {
            return;
        }
        LinkedHashMap<String, Entry> entries = partitions.computeIfAbsent(partition, p -> new LinkedHashMap<>());
        entries.remove(commandId);
        entries.put(commandId, new Entry(reply, timestamp));
        recount();
    }

    /** Forgets a command (a tombstone in the reply log). */
    void remove(int partition, String commandId) {
        LinkedHashMap<String, Entry> entries = partitions.get(partition);
        if (entries != null && entries.remove(commandId) != null) {
            recount();
        }
    }

    /** Forgets a partition: it was revoked, or is about to be restored again. */
    void drop(int partition) {
        if (partitions.remove(partition) != null) {
            recount();
        }
    }

    /** Evicts replies written before {@code now - retention}. */
    void evictExpired(long now) {
        long cutoff = now - retentionMs;
        for (LinkedHashMap<String, Entry> entries : partitions.values()) {
            Iterator<Entry> it = entries.values().iterator();
            while (it.hasNext()) {
                if (it.next().timestamp() >= cutoff) {
                    break;
                }
                it.remove();
            }
        }
        recount();
    }

    /** Replies held, over every partition. */
    int size() {
        return size;
    }

    private void recount() {
        int n = 0;
        for (LinkedHashMap<String, Entry> entries : partitions.values()) {
            n += entries.size();
        }
        size = n;
    }
}
