package dev.skald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.orchestrator.StartRequest;
import dev.skald.saga.definition.Saga;
import dev.skald.saga.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;

/**
 * N sagas in flight at once, each waiting on a participant that never answers: what holding them costs (heap, disk,
 * changelog), how fast a saga is read back (interactive query and REST), and how long a new instance with an empty
 * state directory takes to be RUNNING and to answer a query.
 */
final class ScaleRun {
    private static final int BATCH = 10_000;
    private static final int QUERIES = 1_000;
    private static final Duration DEADLINE = Duration.ofMinutes(30);

    private final String bootstrap;
    private final Duration commitInterval;
    private final Map<String, String> kafka;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Random random = new Random(7);

    ScaleRun(String bootstrap, Duration commitInterval, Map<String, String> kafka) {
        this.bootstrap = bootstrap;
        this.commitInterval = commitInterval;
        this.kafka = kafka;
    }

    /** Holds {@code sagas} sagas, measures, restarts. */
    Result run(int sagas) throws Exception {
        String app = "bench-scale-" + sagas;
        String prefix = app + ".";
        long heapBefore = heapAfterGc();
        long begin = System.nanoTime();
        double ingestSeconds;
        double heapMb;
        long stateBytes;
        Latency iq;
        Latency rest;
        try (OrchestratorApp first = OrchestratorApp.start(bootstrap, app, prefix,
                Files.createTempDirectory("bench-scale"), commitInterval, kafka);
             Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            first.orchestrator().apply(Saga.named("hold").version(1).step("held").call("holder", "Hold").build());
            startAll(first, sagas);
            awaitApplied(admin, app, first.orchestrator().config().topics().starts(), sagas, begin);
            ingestSeconds = (System.nanoTime() - begin) / 1e9;
            heapMb = (heapAfterGc() - heapBefore) / 1e6;
            stateBytes = directoryBytes(first.orchestrator().config().stateDir());
            iq = queries(id -> first.orchestrator().queries().saga(id).isPresent(), sagas);
            rest = queries(id -> get(first.url(), id) == 200, sagas);
        }
        long changelogBytes = changelogBytes(app);
        long restart = System.nanoTime();
        try (OrchestratorApp second = OrchestratorApp.start(bootstrap, app, prefix,
                Files.createTempDirectory("bench-scale-restore"), commitInterval, kafka)) {
            double running = (System.nanoTime() - restart) / 1e9;
            String probe = "hold-" + random.nextInt(sagas);
            while (get(second.url(), probe) != 200) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            double queryable = (System.nanoTime() - restart) / 1e9;
            return new Result(sagas, sagas / ingestSeconds, heapMb, stateBytes / 1e6, changelogBytes / 1e6,
                    rssMb(), iq, rest, running, queryable);
        }
    }

    private void startAll(OrchestratorApp app, int sagas) {
        JsonNode input = Json.tree(Map.of());
        for (int from = 0; from < sagas; from += BATCH) {
            List<StartRequest> batch = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(sagas, from + BATCH); i++) {
                batch.add(StartRequest.of("hold", input).sagaId("hold-" + i));
            }
            app.orchestrator().startSagas(batch);
        }
    }

    private void awaitApplied(Admin admin, String group, String topic, long sagas, long begin) throws Exception {
        while (Offsets.committed(admin, group, topic) < sagas) {
            if (System.nanoTime() - begin > DEADLINE.toNanos()) {
                throw new IllegalStateException("the orchestrator did not apply " + sagas + " starts within "
                        + DEADLINE);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private Latency queries(Predicate<String> found, int sagas) {
        Histogram micros = Latency.micros();
        for (int i = 0; i < QUERIES; i++) {
            String id = "hold-" + random.nextInt(sagas);
            long start = System.nanoTime();
            if (!found.test(id)) {
                throw new IllegalStateException("saga " + id + " is not queryable");
            }
            Latency.record(micros, System.nanoTime() - start);
        }
        return Latency.of(micros);
    }

    private int get(String url, String sagaId) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/sagas/" + sagaId)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException("GET /sagas/" + sagaId + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private long changelogBytes(String app) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<Integer> brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
                    .map(node -> node.id()).toList();
            long bytes = 0;
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions()
                    .get(30, TimeUnit.SECONDS).values()) {
                for (LogDirDescription dir : dirs.values()) {
                    bytes += dir.replicaInfos().entrySet().stream()
                            .filter(e -> e.getKey().topic().startsWith(app + "-"))
                            .mapToLong(e -> e.getValue().size()).sum();
                }
            }
            return bytes;
        }
    }

    static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double rssMb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0).orElse(-1.0);
        }
    }

    private static long directoryBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /**
     * What holding N sagas cost.
     *
     * @param sagas              sagas in flight
     * @param startsPerSecond    starts published and applied per second, from the first start to the last applied
     * @param heapMb             heap growth of this JVM (orchestrator and clients) after a GC, in MB
     * @param stateDirMb         the state directory on disk (RocksDB), in MB
     * @param changelogMb        the application's changelog topics on the broker, in MB
     * @param rssMb              resident memory of this JVM (heap, RocksDB, everything), in MB
     * @param interactiveQuery   a random saga read through Kafka Streams' interactive query
     * @param rest               a random saga read with {@code GET /sagas/{id}}
     * @param restoreRunningSeconds   a new instance with an empty state directory: start to RUNNING
     * @param restoreQueryableSeconds the same, to the first answered {@code GET /sagas/{id}}
     */
    record Result(int sagas, double startsPerSecond, double heapMb, double stateDirMb, double changelogMb,
                  double rssMb, Latency interactiveQuery, Latency rest, double restoreRunningSeconds,
                  double restoreQueryableSeconds) {
    }
}
