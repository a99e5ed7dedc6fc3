package dev.skald.chaos.internal;

import dev.skald.testkit.JvmProcess;

/** A fleet process that the run starts itself in a child JVM: an orchestrator or a service instance. */
public abstract class JvmNode implements Node {
    private final String name;
    private JvmProcess process;

    protected JvmNode(String name) {
        this.name = name;
    }

    /** Starts the process and returns once it is ready. */
    public final void start() {
        process = launch();
        awaitReady();
    }

    /** Launches the child JVM (returning once it printed its ready line, if it has one). */
    protected abstract JvmProcess launch();

    /** Returns once the started process is ready; by default at once. */
    protected void awaitReady() {
    }

    /** Prepares a restart after a kill: what {@code wipe} asks, if anything. */
    protected void beforeRestart(boolean wipe) {
    }

    /** The running process, for subclasses. */
    protected final JvmProcess process() {
        return process;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final long pid() {
        return process.pid();
    }

    @Override
    public final void kill() {
        process.kill();
    }

    @Override
    public final void restart(boolean wipe) {
        if (process.isAlive()) {
            process.kill();
        }
        beforeRestart(wipe);
        start();
    }

    /** Stops the process (SIGTERM, then SIGKILL). */
    public final void close() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
