package dev.skald.cli.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One record of the dead-letter topic: where it sits there, the original key, value and headers, and the
 * {@code skald.dlq.*} headers that say why and where it came from.
 *
 * @param partition its partition in the dead-letter topic
 * @param offset    its offset there
 * @param timestamp when it was dead-lettered
 * @param key       the original key bytes (null if none)
 * @param value     the original value bytes
 * @param headers   every header, the original ones and {@code skald.dlq.*}
 */
public record DeadLetter(int partition, long offset, Instant timestamp, byte[] key, byte[] value,
                         List<Header> headers) {
    public DeadLetter {
        headers = List.copyOf(headers);
    }

    /** The dead letter in this record of the dead-letter topic. */
    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                record.key(), record.value(), Arrays.asList(record.headers().toArray()));
    }

    /** Its identity in the dead-letter topic, {@code <partition>:<offset>}: the ledger key of a redrive. */
    public String id() {
        return partition + ":" + offset;
    }

    /** {@code skald.dlq.kind}: a {@link dev.skald.schemas.DeadLetterKind} name, as text (newer kinds may come). */
    public String kind() {
        return header(DeadLetterHeaders.KIND);
    }

    /** {@code skald.dlq.reason}: what is wrong, in a sentence. */
    public String reason() {
        return header(DeadLetterHeaders.REASON);
    }

    /** {@code skald.dlq.topic}: the topic the record was read from, where a redrive writes it back. */
    public String originTopic() {
        return header(DeadLetterHeaders.TOPIC);
    }

    /** {@code skald.dlq.partition} and {@code skald.dlq.offset}: where it sat in its original topic. */
    public String origin() {
        return originTopic() + "/" + header(DeadLetterHeaders.PARTITION) + "@" + header(DeadLetterHeaders.OFFSET);
    }

    /** {@code skald.dlq.saga-id}, or else the key as text. */
    public String sagaId() {
        String saga = header(DeadLetterHeaders.SAGA_ID);
        return saga != null || key == null ? saga : new String(key, StandardCharsets.UTF_8);
    }

    /** The headers the record had before it was dead-lettered. */
    public List<Header> originalHeaders() {
        return headers.stream().filter(h -> !DeadLetterHeaders.isDeadLetterHeader(h.key())).toList();
    }

    private String header(String key) {
        Header last = null;
        for (Header header : headers) {
            if (header.key().equals(key)) {
                last = header;
            }
        }
        return last == null || last.value() == null ? null : new String(last.value(), StandardCharsets.UTF_8);
    }

    /** The dead letter as JSON, without its value bytes. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id()).put("partition", partition).put("offset", offset)
                .put("timestamp", timestamp.toString()).put("kind", kind()).put("reason", reason())
                .put("sagaId", sagaId()).put("topic", originTopic()).put("origin", origin())
                .put("valueBytes", value == null ? 0 : value.length);
        return node;
    }
}
