package dev.skald.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by this JVM and by the broker's process, so that a figure can be given per saga or per record: on a
 * machine shared with other work, that cost does not depend on how much of the CPU the benchmark was given.
 */
final class CpuMeter {
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final long brokerPid;

    /** @param brokerPid the broker's process id, or -1 when it runs in this JVM */
    CpuMeter(long brokerPid) {
        this.brokerPid = brokerPid;
    }

    /** CPU nanoseconds used so far by this JVM and the broker. */
    long nanos() {
        return self() + broker();
    }

    /** CPU nanoseconds used so far by the broker's process (0 when it runs in this JVM). */
    long brokerNanos() {
        return broker();
    }

    private static long self() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private long broker() {
        Path stat = Path.of("/proc", Long.toString(brokerPid), "stat");
        if (brokerPid < 0 || !Files.exists(stat)) {
            return 0;
        }
        try {
            return ticks(Files.readString(stat)) * NANOS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stat, e);
        }
    }

    /** utime + stime of a {@code /proc/<pid>/stat} line (fields 14 and 15, counted after the command's ')'). */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
