package dev.skald.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The Logback configuration of a broker JVM that shares a classpath holding Logback (an application's, whose own
 * configuration may silence Kafka): warnings, plus the line {@link KafkaProcess#READY_LINE} that says it serves
 * clients. Pass {@link #jvmArg()} to {@link KafkaProcess.Builder#jvmArgs}.
 */
public final class BrokerLogging {
    private static final String RESOURCE = "skald-broker-logback.xml";

    private BrokerLogging() {
    }

    /** {@code -Dlogback.configurationFile=<a temporary copy of the configuration>}. */
    public static String jvmArg() {
        return "-Dlogback.configurationFile=" + file();
    }

    private static Path file() {
        try (InputStream in = BrokerLogging.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Path file = Files.createTempFile("skald-broker-logback", ".xml");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker's logging configuration", e);
        }
    }
}
