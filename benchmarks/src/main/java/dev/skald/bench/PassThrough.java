package dev.skald.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The cost of one exactly-once hop on this broker: a Kafka Streams {@code exactly_once_v2} application that reads
 * records and writes them unchanged to another topic, one stream thread. The input is written first; the clock runs
 * from the application's RUNNING state until it has committed the offsets of every input record.
 */
final class PassThrough {
    private static final int RECORD_BYTES = 200;
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private final String bootstrap;
    private final int partitions;
    private final Duration commitInterval;
    private final CpuMeter cpu;

    PassThrough(String bootstrap, int partitions, Duration commitInterval, CpuMeter cpu) {
        this.bootstrap = bootstrap;
        this.partitions = partitions;
        this.commitInterval = commitInterval;
        this.cpu = cpu;
    }

    /** Passes {@code records} records through a fresh application; returns its rate and CPU cost. */
    Rate run(int records) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String in = "bench.pass-in-" + run;
        String out = "bench.pass-out-" + run;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(in, partitions, (short) 1), new NewTopic(out, partitions,
                    (short) 1))).all().get(30, TimeUnit.SECONDS);
            Offsets.awaitLeaders(admin, in, partitions);
            Offsets.awaitLeaders(admin, out, partitions);
            fill(in, records);
            long written = Offsets.end(admin, in, partitions);
            String app = "bench-pass-" + run;
            try (KafkaStreams streams = new KafkaStreams(topology(in, out), properties(app))) {
                CountDownLatch running = new CountDownLatch(1);
                streams.setStateListener((now, before) -> {
                    if (now == KafkaStreams.State.RUNNING) {
                        running.countDown();
                    }
                });
                streams.start();
                if (!running.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the pass-through application did not reach RUNNING");
                }
                long started = System.nanoTime();
                long cpuBefore = cpu.nanos();
                awaitCommitted(admin, app, in, written, started);
                double seconds = (System.nanoTime() - started) / 1e9;
                return new Rate(written / seconds, (cpu.nanos() - cpuBefore) / 1e3 / written);
            }
        }
    }

    private static org.apache.kafka.streams.Topology topology(String in, String out) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }

    private Properties properties(String app) throws java.io.IOException {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, java.nio.file.Files.createTempDirectory("bench-pass").toString());
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        return props;
    }

    private void fill(String topic, int records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        byte[] value = new byte[RECORD_BYTES];
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < records && failure.get() == null; i++) {
                producer.send(new ProducerRecord<>(topic, Integer.toString(i).getBytes(), value), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("cannot fill " + topic + ": " + failure.get().getMessage(), failure.get());
        }
    }

    private static void awaitCommitted(Admin admin, String group, String topic, long records, long started)
            throws Exception {
        while (Offsets.committed(admin, group, topic) < records) {
            if (System.nanoTime() - started > DEADLINE.toNanos()) {
                throw new IllegalStateException("the pass-through application did not finish within " + DEADLINE);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /**
     * One pass-through run.
     *
     * @param recordsPerSecond   records passed through per second
     * @param cpuMicrosPerRecord CPU time of the client JVM and the broker per record, in microseconds
     */
    record Rate(double recordsPerSecond, double cpuMicrosPerRecord) {
    }
}
