package dev.skald.embedded;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker settings every Skald broker of its own runs with (the embedded one and the test kit's): a single node, replication factor 1 everywhere, no initial
 * rebalance delay, stable features only. One place, shared by the in-process and the child-process broker.
 */
public final class BrokerDefaults {

    private BrokerDefaults() {
    }

    /** Settings for a single-node broker, in-process or not. */
    public static Map<String, String> singleNode() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("unstable.api.versions.enable", "false");
        props.put("unstable.feature.versions.enable", "false");
        return props;
    }

    /** Additional settings of a broker started by {@code kafka.Kafka}, where the share coordinator is on. */
    public static Map<String, String> singleNodeProcess() {
        Map<String, String> props = singleNode();
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        return props;
    }
}
