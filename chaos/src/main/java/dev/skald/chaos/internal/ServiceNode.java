package dev.skald.chaos.internal;

import dev.skald.examples.ExampleServices;
import dev.skald.testkit.JvmProcess;
import java.time.Duration;
import java.util.List;

/**
 * One instance of the example order services (inventory, payment, shipping, notification) in a child JVM, with a
 * stable participant instance id: its restart fences the killed instance's transactions.
 */
public final class ServiceNode implements Node {
    private final String name;
    private final List<String> args;
    private JvmProcess process;

    /**
     * @param args {@link ExampleServices}' options shared by every instance (bootstrap servers, failures, stock)
     */
    public ServiceNode(int index, List<String> args) {
        this.name = "services-" + index;
        this.args = List.copyOf(args);
    }

    /** Starts the instance and returns once every participant runs. */
    public void start() {
        String[] all = java.util.stream.Stream.concat(args.stream(), java.util.stream.Stream.of("--instance.id", name))
                .toArray(String[]::new);
        process = JvmProcess.builder(ExampleServices.class).name(name)
                .jvmArgs("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .args(all)
                .readyLine("example services running")
                .startTimeout(Duration.ofSeconds(90))
                .start();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "services";
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void kill() {
        process.kill();
    }

    @Override
    public void restart(boolean wipe) {
        if (process.isAlive()) {
            process.kill();
        }
        start();
    }

    /** Stops the instance (SIGTERM, then SIGKILL). */
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
