package dev.skald.chaos;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a chaos run does.
 *
 * @param sagas            order sagas to run
 * @param rate             sagas started per second
 * @param seed             the seed of the orders, the failures and the fault schedule
 * @param brokers          Kafka nodes (three or more: replication factor 3, {@code min.insync.replicas} 2)
 * @param orchestrators    orchestrator instances
 * @param services         instances of the example order services
 * @param faultEvery       the time between two faults
 * @param sessionTimeout   the orchestrators' and services' consumer session timeout
 * @param settleWithin     how long the run waits, after the last start, for every saga to end
 * @param workDir          where the processes' state directories and logs go
 * @param json             where the report's JSON goes
 */
public record ChaosSettings(int sagas, int rate, long seed, int brokers, int orchestrators, int services,
                            Duration faultEvery, Duration sessionTimeout, Duration settleWithin, Path workDir,
                            Path json) {

    public ChaosSettings {
        require(sagas >= 1, "--sagas must be at least 1, was " + sagas);
        require(rate >= 1, "--rate must be at least 1 saga a second, was " + rate);
        require(brokers >= 1, "--brokers must be at least 1, was " + brokers);
        require(orchestrators >= 1, "--orchestrators must be at least 1, was " + orchestrators);
        require(services >= 1, "--services must be at least 1, was " + services);
        require(faultEvery.toMillis() >= 500, "--fault-every must be at least 500ms, was " + faultEvery);
        require(sessionTimeout.toMillis() >= 6_000, "--session-timeout must be at least 6s (the brokers' minimum),"
                + " was " + sessionTimeout);
    }

    private static void require(boolean holds, String problem) {
        if (!holds) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The run {@code ./skald chaos --quick} and CI make: 1,000 sagas at 15/s and a fault every 4 s. */
    public static ChaosSettings quick(Path workDir) {
        return new ChaosSettings(1_000, 15, 1, 3, 2, 2, Duration.ofSeconds(4), Duration.ofSeconds(10),
                Duration.ofMinutes(3), workDir, workDir.resolve("skald-chaos.json"));
    }

    /** How long a frozen process stays stopped: past its session, so that its group moves its partitions. */
    public Duration freezeFor() {
        return sessionTimeout.plusSeconds(2);
    }
}
