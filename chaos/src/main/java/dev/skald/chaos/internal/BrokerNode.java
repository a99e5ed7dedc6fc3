package dev.skald.chaos.internal;

import dev.skald.testkit.KafkaCluster;

/** One node of the run's Kafka cluster, as a fault target. */
public record BrokerNode(KafkaCluster cluster, int node) implements Node {

    @Override
    public String name() {
        return "broker-" + node;
    }

    @Override
    public String kind() {
        return "broker";
    }

    @Override
    public void kill() {
        cluster.kill(node);
    }

    @Override
    public void restart(boolean wipe) {
        cluster.restart(node);
    }

    @Override
    public long pid() {
        return cluster.pid(node);
    }
}
