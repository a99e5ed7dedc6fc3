package dev.skald.chaos;

import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaReply;
import dev.skald.avro.SagaResult;
import dev.skald.chaos.internal.Audit;
import dev.skald.chaos.internal.BrokerNode;
import dev.skald.chaos.internal.Drain;
import dev.skald.chaos.internal.Faults;
import dev.skald.chaos.internal.Node;
import dev.skald.chaos.internal.OrchestratorNode;
import dev.skald.chaos.internal.Order;
import dev.skald.chaos.internal.Pause;
import dev.skald.chaos.internal.Rebuild;
import dev.skald.chaos.internal.Rest;
import dev.skald.chaos.internal.ResultsWatch;
import dev.skald.chaos.internal.ServiceNode;
import dev.skald.chaos.internal.Verdict;
import dev.skald.chaos.internal.Workload;
import dev.skald.examples.order.OrderSaga;
import dev.skald.orchestrator.SkaldTopics;
import dev.skald.saga.format.SagaDocuments;
import dev.skald.schemas.AvroSerdes;
import dev.skald.testkit.BrokerLogging;
import dev.skald.testkit.KafkaCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chaos run: starts the fleet (brokers, orchestrators, example services, each in its own JVM), runs the orders
 * under the fault schedule, waits for every saga to end, and audits the topics.
 */
public final class ChaosRun {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
    /** The definition the run drives: the order saga with a durable wait and a short notification timeout. */
    static final String DEFINITION = "chaos-order";
    private static final String REGISTRY = "mock://skald-chaos";
    private static final Map<String, String> SERDE_CONFIG = Map.of("schema.registry.url", REGISTRY);
    private static final Duration QUIET_FOR = Duration.ofSeconds(60);

    private final ChaosSettings settings;
    private final Rest rest = new Rest();

    public ChaosRun(ChaosSettings settings) {
        this.settings = settings;
    }

    /** Runs it and reports what the audit found; the fleet is stopped on return. */
    public ChaosReport run() {
        createWorkDir();
        Instant begin = Instant.now();
        try (KafkaCluster cluster = KafkaCluster.builder().nodes(settings.brokers())
                .jvmArgs("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", BrokerLogging.jvmArg())
                .start()) {
            List<OrchestratorNode> orchestrators = orchestrators(cluster.bootstrapServers());
            List<ServiceNode> services = new ArrayList<>();
            try {
                startFleet(orchestrators, services, cluster.bootstrapServers());
                LOG.info("fleet running after {} s", Duration.between(begin, Instant.now()).toSeconds());
                return drive(cluster, orchestrators, services, begin);
            } finally {
                services.forEach(ServiceNode::close);
                orchestrators.forEach(OrchestratorNode::close);
            }
        }
    }

    private ChaosReport drive(KafkaCluster cluster, List<OrchestratorNode> orchestrators, List<ServiceNode> services,
                              Instant begin) {
        SkaldTopics topics = SkaldTopics.DEFAULT;
        List<Order> orders = IntStream.range(0, settings.sagas()).mapToObj(i -> Order.draw(settings.seed(), i))
                .toList();
        List<Node> brokers = IntStream.rangeClosed(1, cluster.nodes()).<Node>mapToObj(i -> new BrokerNode(cluster, i))
                .toList();
        Instant workBegin = Instant.now();
        try (ResultsWatch watch = new ResultsWatch(cluster.bootstrapServers(), topics.results(),
                AvroSerdes.of(SagaResult.class, SERDE_CONFIG).deserializer());
             Workload workload = new Workload(orchestrators, rest, DEFINITION, settings.seed())) {
            Faults faults = new Faults(orchestrators, services, brokers, settings.seed(), settings.faultEvery(),
                    settings.freezeFor());
            faults.start();
            Duration settled;
            try {
                workload.start(orders, settings.rate());
                awaitControls(workload);
                settled = awaitEnded(watch, orders.size());
            } finally {
                faults.close();
            }
            Map<?, Long> behind = Drain.await(cluster.bootstrapServers(), topics, Audit.PARTICIPANTS, QUIET_FOR);
            if (!behind.isEmpty()) {
                LOG.warn("the participants stopped consuming for {} with commands left: {}", QUIET_FOR, behind);
            }
            List<String> api = orchestrators.stream().map(OrchestratorNode::url).toList();
            Verdict verdict = new Audit(cluster, topics,
                    AvroSerdes.of(SagaCommand.class, SERDE_CONFIG).deserializer(),
                    AvroSerdes.of(SagaReply.class, SERDE_CONFIG).deserializer(), rest)
                    .audit(orders, watch.statuses(), api, settings.seed());
            Rebuild rebuild = Rebuild.run(cluster.bootstrapServers(), REGISTRY, api.get(0),
                    settings.workDir().resolve("rebuild-state"));
            return new ChaosReport(settings, verdict, rebuild, faults.done(), workload.failures(),
                    Duration.between(begin, workBegin), Duration.between(workBegin, Instant.now()), settled,
                    watch.longestGapMillis());
        }
    }

    private List<OrchestratorNode> orchestrators(String bootstrap) {
        Map<String, String> config = Map.of(
                "skald.bootstrap-servers", bootstrap,
                "skald.application-id", "skald-chaos",
                "skald.schema-registry-url", REGISTRY,
                "skald.replication", Integer.toString(replication()),
                "skald.kafka.session.timeout.ms", Long.toString(settings.sessionTimeout().toMillis()));
        return IntStream.rangeClosed(1, settings.orchestrators())
                .mapToObj(i -> new OrchestratorNode(i, freePort(), settings.workDir(), config, rest)).toList();
    }

    private void startFleet(List<OrchestratorNode> orchestrators, List<ServiceNode> services, String bootstrap) {
        orchestrators.forEach(OrchestratorNode::forgetPreviousRun);
        orchestrators.get(0).start();
        Rest.Response applied = rest.post(orchestrators.get(0).url(), "/definitions",
                SagaDocuments.toJson(OrderSaga.withCoolOff(DEFINITION, Duration.ofSeconds(1), Duration.ofSeconds(1))));
        if (!applied.ok()) {
            throw new IllegalStateException("cannot apply the chaos definition: " + applied.status() + " "
                    + applied.body());
        }
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        orchestrators.subList(1, orchestrators.size())
                .forEach(o -> starting.add(CompletableFuture.runAsync(o::start)));
        for (int i = 1; i <= settings.services(); i++) {
            ServiceNode service = new ServiceNode(i, serviceArgs(bootstrap));
            services.add(service);
            starting.add(CompletableFuture.runAsync(service::start));
        }
        starting.forEach(CompletableFuture::join);
    }

    private List<String> serviceArgs(String bootstrap) {
        return List.of("--bootstrap-servers", bootstrap, "--services", "order",
                "--schema-registry-url", REGISTRY, "--replication", Integer.toString(replication()),
                "--kafka.session.timeout.ms", Long.toString(settings.sessionTimeout().toMillis()),
                "--seed", Long.toString(settings.seed()),
                "--fail", "Charge:business:0.1", "--fail", "CreateShipment:business:0.05",
                "--fail", "ReserveStock:transient:0.1", "--fail", "SendConfirmation:slow:0.03",
                "--slow-reply", "1500ms", "--slowness", "1ms", "--workers", "2",
                "--stock", "A-1=1000000000,B-2=1000000000,C-3=1000000000");
    }

    private int replication() {
        return Math.min(3, settings.brokers());
    }

    private static void awaitControls(Workload workload) {
        while (workload.pendingControls() > 0) {
            Pause.briefly();
        }
    }

    /** Waits until every saga ended, or no outcome arrived for {@link #QUIET_FOR}, or the settle time ran out. */
    private Duration awaitEnded(ResultsWatch watch, int sagas) {
        Instant begin = Instant.now();
        Instant deadline = begin.plus(settings.settleWithin());
        int seen = watch.ended();
        Instant lastChange = begin;
        while (seen < sagas && Instant.now().isBefore(deadline)
                && Duration.between(lastChange, Instant.now()).compareTo(QUIET_FOR) < 0) {
            Pause.millis(500);
            int now = watch.ended();
            if (now != seen) {
                seen = now;
                lastChange = Instant.now();
            }
        }
        return Duration.between(begin, Instant.now());
    }

    private void createWorkDir() {
        try {
            Files.createDirectories(settings.workDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + settings.workDir(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }
}
