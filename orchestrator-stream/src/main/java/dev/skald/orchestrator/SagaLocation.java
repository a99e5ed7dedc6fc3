package dev.skald.orchestrator;

import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where a saga lives: its partition, the instance that owns it, and the instances that keep a standby copy.
 *
 * @param partition the partition of the input topics the saga id hashes to
 * @param active    the instance that owns that partition ({@code application.server})
 * @param standbys  the instances with a standby copy of its stores
 */
public record SagaLocation(int partition, HostInfo active, Set<HostInfo> standbys) {
    public SagaLocation {
        standbys = Set.copyOf(standbys);
    }
}
