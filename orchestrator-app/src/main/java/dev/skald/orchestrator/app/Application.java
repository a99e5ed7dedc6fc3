package dev.skald.orchestrator.app;

import io.micronaut.runtime.Micronaut;

/** Starts an orchestrator: {@code java -jar orchestrator-stream.jar}, configured by {@code skald.*} properties. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
