package dev.skald.participant.conformance;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code examples/python/skald_participant.py} running in a child process under Debian's {@code /usr/bin/python3}
 * (which has {@code python3-confluent-kafka}), its output in {@code target/python-participants/}.
 */
final class PythonParticipant implements ConformanceParticipant {
    static final Path SCRIPT = Path.of("..", "examples", "python", "skald_participant.py");
    private static final String PYTHON = "/usr/bin/python3";
    private static final AtomicInteger STARTS = new AtomicInteger();

    private final Process process;
    private final Path log;

    private PythonParticipant(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the script with these arguments and returns once it says it runs. */
    static PythonParticipant start(List<String> args) {
        requireConfluentKafka();
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString()));
        command.addAll(args);
        Path log = Path.of("target", "python-participants",
                "participant-" + ProcessHandle.current().pid() + "-" + STARTS.incrementAndGet() + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            PythonParticipant participant = new PythonParticipant(process, log);
            participant.awaitLine("running", Duration.ofSeconds(30));
            return participant;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Fails, saying what to install, when Debian's Python lacks the Kafka client. */
    static void requireConfluentKafka() {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka").redirectErrorStream(true)
                    .start();
            String printed = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
                throw new IllegalStateException(PYTHON + " cannot import confluent_kafka: install Debian's "
                        + "python3-confluent-kafka (apt-get install python3-confluent-kafka; ./skald test does it)\n"
                        + printed);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + PYTHON + ": install Debian's python3 and "
                    + "python3-confluent-kafka (./skald test does it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void awaitLine(String text, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            String printed = Files.readString(log);
            if (!printed.contains(text) && !process.isAlive()) {
                throw new IllegalStateException("the python participant exited with " + process.exitValue()
                        + " before printing '" + text + "'; its log (" + log.toAbsolutePath() + "):\n" + printed);
            }
            return printed.contains(text);
        });
    }

    @Override
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: the participant commits its batch in flight and exits. */
    @Override
    public void close() {
        process.destroy();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the python participant did not stop within 30 s; killed it; log "
                        + log.toAbsolutePath());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
