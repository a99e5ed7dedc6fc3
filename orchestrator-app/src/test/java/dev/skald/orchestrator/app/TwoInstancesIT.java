package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.orchestrator.TestParticipants.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST routing on a real broker: two application instances (same application id, one JVM) share 6 partitions; each
 * answers for every saga, forwarding to the owner; when one vanishes without leaving the group, the survivor keeps
 * answering (from its standby, then as the new owner) with nothing worse than 503 and Retry-After in between.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIT {
    private static final Logger LOG = LoggerFactory.getLogger(TwoInstancesIT.class);
    private static final String APPLICATION_ID = "two-instances-it";
    private static final int SAGAS_PER_INSTANCE = 6;
    /** A session timeout of 6 s (the broker's minimum) so the group notices a stopped instance quickly. */
    private static final Map<String, Object> SETTINGS = Map.of("skald.partitions", 6,
            "skald.kafka.session.timeout.ms", "6000", "skald.kafka.heartbeat.interval.ms", "1000");

    private AppFixture fixture;
    private AppInstance survivor;
    private AppInstance leaver;

    @BeforeAll
    void start() {
        fixture = AppFixture.start(APPLICATION_ID, SETTINGS, command -> Answer.ok("{}"));
        survivor = fixture.app();
        leaver = fixture.startInstance();
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void everyInstanceAnswersForEverySagaAndTheSurvivorTakesOverWhenTheOtherStops() {
        RestClient toSurvivor = new RestClient(survivor.uri());
        RestClient toLeaver = new RestClient(leaver.uri());
        awaitGroupOf(2, survivor, leaver);
        assertThat(toSurvivor.post("/definitions", """
                {"name": "parked", "version": 1, "steps": [
                  {"id": "a", "participant": "svc", "command": "A", "compensation": {"participant": "svc", "command": "UndoA"}},
                  {"id": "hold", "type": "event", "event": "Go"}
                ]}""").status()).isEqualTo(201);

        List<String> sagas = new ArrayList<>();
        sagas.addAll(sagaIdsOwnedBy(survivor, "s-"));
        sagas.addAll(sagaIdsOwnedBy(leaver, "l-"));
        for (int i = 0; i < sagas.size(); i++) {
            RestClient via = i % 2 == 0 ? toSurvivor : toLeaver;
            RestClient.Reply started = via.post("/sagas", "{\"definition\": \"parked\", \"sagaId\": \"" + sagas.get(i)
                    + "\"}");
            assertThat(started.status()).as("%s", started).isEqualTo(202);
        }

        for (RestClient via : List.of(toSurvivor, toLeaver)) {
            for (String id : sagas) {
                JsonNode saga = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> via.get("/sagas/" + id), r -> r.status() == 200
                                && r.json().at("/steps/1/status").asText().equals("WAITING")).json();
                assertThat(saga.get("sagaId").asText()).isEqualTo(id);
                RestClient.Reply history = via.get("/sagas/" + id + "/history");
                assertThat(history.status()).as("%s", history).isEqualTo(200);
                assertThat(history.json()).isNotEmpty();
            }
            assertThat(sagaIds(via.get("/sagas?definition=parked"))).containsExactlyInAnyOrderElementsOf(sagas);
        }

        FailoverProbe probe = new FailoverProbe(toSurvivor, sagas, Set.copyOf(sagas.subList(SAGAS_PER_INSTANCE,
                sagas.size())));
        long stopping = System.nanoTime();
        probe.phase = "stopping";
        // gone without leaving the group, as a crashed instance: its partitions move only after the session timeout,
        // and meanwhile the survivor serves the leaver's sagas from its standby (a graceful close leaves at once)
        leaver.orchestrator().streams().close(Duration.ofSeconds(30));
        leaver.close();
        long stopped = System.nanoTime();
        probe.phase = "away";
        awaitGroupOf(1, survivor);
        long rebalanced = System.nanoTime();
        probe.phase = "rebalanced";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> sagas.stream().allMatch(id -> toSurvivor.get("/sagas/" + id).status() == 200));
        probe.stop();
        LOG.info("failover: the leaver closed in {} ms, the group rebalanced {} ms later; the survivor answered "
                + "(phase, owner before, status: count) {}", millis(stopping, stopped), millis(stopped, rebalanced),
                new TreeMap<>(probe.counts));

        assertThat(probe.unexpected).isEmpty();
        assertThat(probe.counts).as("the leaver's sagas read from the survivor's standby while the leaver was away")
                .containsKey("away leaver 200");
        for (String id : sagas) {
            RestClient.Reply saga = toSurvivor.get("/sagas/" + id);
            assertThat(saga.status()).as("%s", saga).isEqualTo(200);
            assertThat(saga.json().get("sagaId").asText()).isEqualTo(id);
        }
        assertThat(sagaIds(await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> toSurvivor.get("/sagas?definition=parked"), r -> r.status() == 200)))
                .containsExactlyInAnyOrderElementsOf(sagas);

        for (String id : sagas) {
            assertThat(toSurvivor.post("/sagas/" + id + "/cancel").status()).isEqualTo(202);
        }
        for (String id : sagas) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> toSurvivor.get("/sagas/" + id), r -> r.status() == 200
                            && r.json().get("status").asText().equals("COMPENSATED"));
            assertThat(fixture.participants().trace(id)).containsExactly("a", "a:undo");
        }
    }

    /** Waits until every given instance runs and sees a group of {@code size} instances, each owning partitions. */
    private static void awaitGroupOf(int size, AppInstance... instances) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (AppInstance instance : instances) {
                KafkaStreams streams = instance.orchestrator().streams();
                if (streams.state() != KafkaStreams.State.RUNNING) {
                    return false;
                }
                var group = streams.metadataForAllStreamsClients();
                if (group.size() != size || group.stream().anyMatch(m -> m.topicPartitions().isEmpty())) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Saga ids whose partition the instance owns, so that queries to the other instance must be forwarded. */
    private List<String> sagaIdsOwnedBy(AppInstance owner, String prefix) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; ids.size() < SAGAS_PER_INSTANCE; i++) {
            String id = prefix + i;
            var host = survivor.orchestrator().queries().owner(id).orElseThrow();
            if ((host.host() + ":" + host.port()).equals(owner.hostAndPort())) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static List<String> sagaIds(RestClient.Reply list) {
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().forEach(saga -> ids.add(saga.get("sagaId").asText()));
        return ids;
    }

    private static long millis(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }

    /**
     * Asks the survivor for every saga, over and over, from another thread, while the other instance stops and the
     * group rebalances. Counts answers by phase, owner before the stop and status; records every answer other than a
     * 200 with the right saga or a 503 with Retry-After.
     */
    private static final class FailoverProbe {
        final Map<String, Integer> counts = new ConcurrentHashMap<>();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        volatile String phase = "both";
        private final Set<String> leaverOwned;
        private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger rounds = new AtomicInteger();

        FailoverProbe(RestClient client, List<String> sagas, Set<String> leaverOwned) {
            this.leaverOwned = leaverOwned;
            executor.scheduleWithFixedDelay(() -> {
                for (String id : sagas) {
                    try {
                        check(id, client.get("/sagas/" + id));
                    } catch (RuntimeException e) {
                        unexpected.add(id + ": " + e);
                    }
                }
                rounds.incrementAndGet();
            }, 0, 50, TimeUnit.MILLISECONDS);
        }

        private void check(String id, RestClient.Reply reply) {
            counts.merge(phase + (leaverOwned.contains(id) ? " leaver " : " survivor ") + reply.status(), 1,
                    Integer::sum);
            boolean fine = reply.status() == 200 ? reply.json().path("sagaId").asText().equals(id)
                    : reply.status() == 503 && reply.header("Retry-After").isPresent();
            if (!fine) {
                unexpected.add(id + ": " + reply + " " + reply.response().headers().map());
            }
        }

        void stop() {
            int before = rounds.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> rounds.get() > before);
            executor.shutdown();
            try {
                assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            LOG.info("failover probe: {} rounds of {} queries", rounds.get(), counts.values().stream()
                    .mapToInt(Integer::intValue).sum());
        }
    }
}
