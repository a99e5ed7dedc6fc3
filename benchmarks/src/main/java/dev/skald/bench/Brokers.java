package dev.skald.bench;

import dev.skald.testkit.EmbeddedKafka;
import dev.skald.testkit.KafkaBroker;
import dev.skald.testkit.KafkaProcess;
import java.nio.file.Path;

/** Where the broker under test runs. */
enum Brokers {
    /** A child JVM ({@link KafkaProcess}): the broker's heap and GC apart from the clients'. */
    PROCESS,
    /** In the benchmark's JVM ({@link EmbeddedKafka}). */
    EMBEDDED;

    /** Starts a single-node broker of this kind; returns once it serves clients. */
    KafkaBroker start() {
        if (this == EMBEDDED) {
            return EmbeddedKafka.start();
        }
        return KafkaProcess.builder().jvmArgs("-Xms512m", "-Xmx1g", "-Djava.awt.headless=true",
                dev.skald.testkit.BrokerLogging.jvmArg()).classpath(classpath()).start();
    }

    /**
     * This application's classpath, which holds the broker: the class loader's URLs when it has them (under
     * {@code mvn exec:java}, the JVM's own classpath is Maven's), {@code java.class.path} otherwise.
     */
    static String classpath() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader instanceof java.net.URLClassLoader urls && urls.getURLs().length > 0) {
            return java.util.Arrays.stream(urls.getURLs()).map(Brokers::path)
                    .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static String path(java.net.URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("not a file URL on the classpath: " + url, e);
        }
    }
}
