package dev.skald.testkit.internal;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/** Where child processes write their output: {@code target/skald-testkit/} unless told otherwise. */
public final class LogFiles {

    /** System property naming the directory of child process logs. */
    public static final String DIRECTORY_PROPERTY = "skald.testkit.log.dir";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private LogFiles() {
    }

    /** A new log file for a process called {@code name}, unique within this JVM. */
    public static Path newLogFile(String name) {
        String fileName = name + "-" + LocalDateTime.now().format(STAMP) + "-" + ProcessHandle.current().pid()
                + "-" + SEQUENCE.incrementAndGet() + ".log";
        return directory().resolve(fileName);
    }

    /** The directory of child process logs. */
    public static Path directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.dir"), "target", "skald-testkit");
    }
}
