package dev.skald.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sends POSIX signals that {@link ProcessHandle} cannot send (SIGSTOP, SIGCONT) with the {@code kill} command, and
 * reads a process's scheduling state from {@code /proc} where there is one (Linux).
 */
public final class Signals {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Signals() {
    }

    /**
     * Stops process {@code pid} with SIGSTOP, which it can neither catch nor ignore; on Linux, returns once it is
     * stopped.
     *
     * @throws IllegalStateException if {@code kill} fails or the process does not stop in time
     */
    public static void stop(long pid) {
        send(pid, "STOP");
        awaitStopped(pid, true);
    }

    /**
     * Resumes process {@code pid} with SIGCONT; on Linux, returns once it is no longer stopped.
     *
     * @throws IllegalStateException if {@code kill} fails or the process does not resume in time
     */
    public static void resume(long pid) {
        send(pid, "CONT");
        awaitStopped(pid, false);
    }

    private static void send(long pid, String signal) {
        Process kill = startKill(pid, signal);
        try {
            if (!kill.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + signal + " " + pid + " did not return in " + TIMEOUT);
            }
            if (kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " exited with code "
                        + kill.exitValue() + ": " + new String(kill.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of kill -" + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal + " to " + pid, e);
        }
    }

    /**
     * The state letter of process {@code pid} in {@code /proc/<pid>/stat} ({@code R} running, {@code S} sleeping,
     * {@code T} stopped, ...); empty where there is no {@code /proc} or no such process.
     */
    public static Optional<Character> state(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/stat", e);
        }
        // "pid (command) S ...": the command may hold spaces and parentheses, the state follows the last ')'.
        return Optional.of(stat.charAt(stat.lastIndexOf(')') + 2));
    }

    private static Process startKill(long pid, String signal) {
        try {
            return new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + signal + " " + pid, e);
        }
    }

    /** Waits until {@code /proc} shows the process stopped, or not; returns at once where there is no {@code /proc}. */
    private static void awaitStopped(long pid, boolean stopped) {
        Poll.until(() -> state(pid).map(state -> (state == 'T') == stopped).orElse(true), TIMEOUT,
                () -> "process " + pid + " is " + (stopped ? "not stopped" : "still stopped"));
    }
}
