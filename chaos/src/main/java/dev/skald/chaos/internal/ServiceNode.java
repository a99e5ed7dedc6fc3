package dev.skald.chaos.internal;

import dev.skald.examples.ExampleServices;
import dev.skald.testkit.JvmProcess;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * One instance of the example order services (inventory, payment, shipping, notification) in a child JVM, with a
 * stable participant instance id: its restart fences the killed instance's transactions.
 */
public final class ServiceNode extends JvmNode {
    private final List<String> args;

    /**
     * @param args {@link ExampleServices}' options shared by every instance (bootstrap servers, failures, stock)
     */
    public ServiceNode(int index, List<String> args) {
        super("services-" + index);
        this.args = List.copyOf(args);
    }

    @Override
    protected JvmProcess launch() {
        return JvmProcess.builder(ExampleServices.class).name(name())
                .jvmArgs("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .args(Stream.concat(args.stream(), Stream.of("--instance.id", name())).toArray(String[]::new))
                .readyLine("example services running")
                .startTimeout(Duration.ofSeconds(90))
                .start();
    }

    @Override
    public String kind() {
        return "services";
    }
}
