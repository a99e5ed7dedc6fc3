package dev.skald.orchestrator.app;

import dev.skald.embedded.InProcessKafka;

/**
 * The in-process broker of {@code skald.bootstrap-servers=embedded}. Only this class names the embedded-kafka module,
 * and it is loaded only when the setting asks for it, so an application given a cluster runs without that module on
 * its classpath.
 */
final class EmbeddedBroker implements AutoCloseable {
    private final InProcessKafka kafka;

    private EmbeddedBroker(InProcessKafka kafka) {
        this.kafka = kafka;
    }

    /**
     * Starts the broker.
     *
     * @throws IllegalStateException when the embedded-kafka module is not on the classpath
     */
    static EmbeddedBroker start() {
        try {
            return new EmbeddedBroker(InProcessKafka.start());
        } catch (NoClassDefFoundError missing) {
            throw new IllegalStateException("skald.bootstrap-servers=embedded needs dev.skald:skald-embedded-kafka on "
                    + "the classpath; add it, or set skald.bootstrap-servers to a Kafka cluster", missing);
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void close() {
        kafka.close();
    }
}
