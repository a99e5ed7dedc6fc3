package dev.skald.demo;

import dev.skald.avro.SagaResult;
import dev.skald.examples.FailureInjection;
import dev.skald.examples.order.OrderSaga;
import dev.skald.examples.order.OrderServices;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.StartRequest;
import dev.skald.orchestrator.app.OrchestratorRuntime;
import dev.skald.participant.ParticipantConfig;
import dev.skald.schemas.AvroSerdes;
import dev.skald.embedded.InProcessKafka;
import dev.skald.orchestrator.app.Readiness;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** One run of the main job: the processes it starts, the batch it submits, and what it observed. */
final class DemoRun implements AutoCloseable {
    private static final String REGISTRY = "mock://skald-demo";
    private static final List<String> SKUS = List.of("A-1", "B-2", "C-3");
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    /** The command-line choices. */
    record Settings(int sagas, double failureRate, int concurrency, long seed, boolean serve, int port) {
    }

    private final Settings settings;
    private final InProcessKafka kafka;
    private final EmbeddedServer server;
    private final Orchestrator orchestrator;
    private final OrderServices services;
    private final Map<String, Long> submittedAt = new ConcurrentHashMap<>();
    private final Map<String, String> statusByOrder = new ConcurrentHashMap<>();
    private final Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);

    private DemoRun(Settings settings, InProcessKafka kafka, EmbeddedServer server, OrderServices services) {
        this.settings = settings;
        this.kafka = kafka;
        this.server = server;
        this.orchestrator = server.getApplicationContext().getBean(OrchestratorRuntime.class).orchestrator();
        this.services = services;
    }

    static DemoRun start(Settings settings) throws IOException {
        InProcessKafka kafka = InProcessKafka.start();
        int port = settings.serve() ? settings.port() : freePort();
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "skald.bootstrap-servers", kafka.bootstrapServers(),
                "skald.schema-registry-url", REGISTRY,
                "skald.application-id", "skald-demo",
                "skald.state-dir", Files.createTempDirectory("skald-demo").toString(),
                "micronaut.server.port", port));
        server.getApplicationContext().getBean(Readiness.class).awaitReady(Duration.ofMinutes(3));
        ParticipantConfig participants = ParticipantConfig.builder(kafka.bootstrapServers())
                .schemaRegistryUrl(REGISTRY).workers(2).build();
        OrderServices services = OrderServices.start(participants, failures(settings),
                Map.of("A-1", 1_000_000, "B-2", 1_000_000, "C-3", 1_000_000), OrderServices.ALL);
        return new DemoRun(settings, kafka, server, services);
    }

    private static FailureInjection failures(Settings settings) {
        double share = settings.failureRate() / 2;
        return FailureInjection.builder().seed(settings.seed())
                .fail("Charge", FailureInjection.Mode.BUSINESS, share)
                .fail("CreateShipment", FailureInjection.Mode.BUSINESS, share)
                .fail("ReserveStock", FailureInjection.Mode.TRANSIENT, settings.failureRate())
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Submits the batch, waits for every outcome, and sums it up. */
    Summary execute() throws InterruptedException {
        orchestrator.apply(OrderSaga.definition());
        Semaphore inFlight = new Semaphore(settings.concurrency());
        CountDownLatch done = new CountDownLatch(settings.sagas());
        Thread results = new Thread(() -> collect(inFlight, done), "demo-results");
        results.setDaemon(true);
        results.start();
        Progress progress = new Progress(settings.sagas(), System.err);
        long started = System.nanoTime();
        Random random = new Random(settings.seed());
        int submitted = 0;
        while (submitted < settings.sagas()) {
            inFlight.acquire();
            int batch = 1 + Math.min(inFlight.drainPermits(), settings.sagas() - submitted - 1);
            List<StartRequest> requests = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                String id = "order-" + (submitted + i);
                submittedAt.put(id, System.nanoTime());
                requests.add(StartRequest.of(OrderSaga.NAME, order(random)).sagaId(id));
            }
            orchestrator.startSagas(requests);
            submitted += batch;
            progress.show(statusByOrder);
        }
        while (!done.await(250, TimeUnit.MILLISECONDS)) {
            progress.show(statusByOrder);
            if (System.nanoTime() - started > DEADLINE.toNanos()) {
                break;
            }
        }
        progress.finish(statusByOrder);
        double seconds = (System.nanoTime() - started) / 1e9;
        return Summary.of(settings, statusByOrder, latency, seconds,
                services.invariantViolations(Map.copyOf(statusByOrder)));
    }

    private static Map<String, Object> order(Random random) {
        return Map.of("sku", SKUS.get(random.nextInt(SKUS.size())), "quantity", 1 + random.nextInt(5),
                "amount", String.format("%d.%02d", 5 + random.nextInt(200), random.nextInt(100)), "currency", "EUR",
                "address", "1 Main Street", "email", "buyer@example.com");
    }

    private void collect(Semaphore inFlight, CountDownLatch done) {
        Deserializer<SagaResult> reader = AvroSerdes.of(SagaResult.class, Map.of("schema.registry.url", REGISTRY));
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "skald-demo-results");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        OrchestratorConfig config = orchestrator.config();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(config.topics().results()));
            while (done.getCount() > 0) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    SagaResult result = reader.deserialize(record.topic(), record.value());
                    Long at = submittedAt.get(result.getSagaId());
                    if (at != null && statusByOrder.put(result.getSagaId(), result.getStatus()) == null) {
                        latency.recordValue(Math.max(1, (System.nanoTime() - at) / 1000));
                        inFlight.release();
                        done.countDown();
                    }
                }
            }
        }
    }

    /** Keeps the REST API and the dashboard up until the process is stopped. */
    void serveUntilStopped() throws InterruptedException {
        System.out.printf("%nDashboard at http://localhost:%d/ui/%n"
                + "REST API at http://localhost:%d (try GET /sagas?status=COMPENSATED&limit=5). Ctrl-C stops.%n",
                server.getPort(), server.getPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "demo-stop"));
        stopped.await();
    }

    @Override
    public void close() {
        services.close();
        server.getApplicationContext().close();
        kafka.close();
    }

    /** What a run observed. */
    record Summary(Settings settings, Map<String, Long> byStatus, long unfinished, double seconds, long p50Micros,
                   long p99Micros, List<String> invariantViolations) {

        static Summary of(Settings settings, Map<String, String> statusByOrder, Histogram latency, double seconds,
                          List<String> violations) {
            Map<String, Long> byStatus = new java.util.TreeMap<>();
            statusByOrder.values().forEach(s -> byStatus.merge(s, 1L, Long::sum));
            return new Summary(settings, byStatus, settings.sagas() - statusByOrder.size(), seconds,
                    latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), violations);
        }

        void print(PrintStream out) {
            out.printf("%nSkald demo: %d order sagas (reserve stock, charge, ship, notify), failure rate %.0f%%, "
                    + "%d in flight at most, embedded Kafka broker%n", settings.sagas(), settings.failureRate() * 100,
                    settings.concurrency());
            for (String status : List.of("COMPLETED", "COMPENSATED", "FAILED", "COMPENSATION_FAILED")) {
                out.printf("  %-20s %8d%n", status, byStatus.getOrDefault(status, 0L));
            }
            if (unfinished > 0) {
                out.printf("  %-20s %8d%n", "UNFINISHED", unfinished);
            }
            out.printf("  %-20s %8.1f sagas/s (%.1f s)%n", "throughput", settings.sagas() / seconds, seconds);
            out.printf("  %-20s %8.1f ms p50, %.1f ms p99 (submit to outcome)%n", "latency", p50Micros / 1000.0,
                    p99Micros / 1000.0);
            if (invariantViolations.isEmpty() && unfinished == 0) {
                out.println("Invariant check: OK (no payment, reservation or shipment kept by a rolled-back order; "
                        + "every completed order has all three; stock adds up)");
            } else {
                out.println("Invariant check: VIOLATED");
                invariantViolations.stream().limit(20).forEach(v -> out.println("  - " + v));
            }
        }
    }
}
