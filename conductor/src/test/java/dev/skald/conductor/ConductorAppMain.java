package dev.skald.conductor;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The orchestrator application with the Conductor API in its own JVM, for kill -9 tests: configured by the
 * {@code skald.*}, {@code micronaut.*} and {@code conductor-test.*} system properties, prints {@link #READY} once it
 * serves, and runs until killed.
 */
public final class ConductorAppMain {
    static final String READY = "CONDUCTOR APP READY";

    private ConductorAppMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, Object> properties = new HashMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("skald.") || key.startsWith("micronaut.") || key.startsWith("conductor-test.")) {
                properties.put(key, System.getProperty(key));
            }
        }
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        System.out.println(READY);
        new CountDownLatch(1).await();
    }
}
