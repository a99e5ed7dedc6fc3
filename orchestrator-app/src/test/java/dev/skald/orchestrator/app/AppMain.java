package dev.skald.orchestrator.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The orchestrator application (with whatever modules are on the classpath, the Conductor API's included) in its own
 * JVM, for kill -9 tests: configured by the {@code skald.*}, {@code micronaut.*} and {@code conductor-test.*} system
 * properties, prints {@link #READY} once it is ready, and runs until killed.
 */
public final class AppMain {
    public static final String READY = "SKALD APP READY";

    private AppMain() {
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
        server.getApplicationContext().getBean(Readiness.class).awaitReady(Duration.ofMinutes(3));
        System.out.println(READY);
        new CountDownLatch(1).await();
    }
}
