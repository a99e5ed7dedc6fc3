package dev.skald.chaos.internal;

import java.io.IOException;
import java.time.Duration;

/** A process of the chaos fleet that faults hit: a broker, an orchestrator or an example-service instance. */
public interface Node {

    /** Its name in reports, such as {@code orchestrator-2}. */
    String name();

    /** What kind of process it is, in reports. */
    String kind();

    /** Kills it with SIGKILL: no shutdown hook, no flush. */
    void kill();

    /**
     * Starts it again after a kill, with its state directory emptied first when {@code wipe} (only orchestrators have
     * one), and returns once it is ready.
     */
    void restart(boolean wipe);

    /** The operating-system id of its process. */
    long pid();

    /** Stops the process (SIGSTOP) without killing it. */
    default void freeze() {
        signal("STOP");
    }

    /** Resumes a frozen process (SIGCONT). */
    default void thaw() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
            if (!kill.waitFor(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid() + " (" + name() + ") failed");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot run kill -" + signal + " for " + name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + name(), e);
        }
    }
}
