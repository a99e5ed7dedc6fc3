package dev.skald.participant.micronaut;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

/**
 * Application contexts of the tests. The tests put orchestrator-stream on the classpath for its
 * {@code Orchestrator}, but its Micronaut application ({@code OrchestratorRuntime}, a {@code @Context} bean that
 * starts an orchestrator, and a broker, with any context) must stay out of them: its bean definitions are hidden.
 */
final class TestContexts {

    private TestContexts() {
    }

    static ApplicationContext run(Map<String, Object> properties) {
        return ApplicationContext.builder()
                .classLoader(new WithoutOrchestratorApp(TestContexts.class.getClassLoader()))
                .properties(properties)
                .start();
    }

    private static final class WithoutOrchestratorApp extends ClassLoader {
        WithoutOrchestratorApp(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            Enumeration<URL> all = super.getResources(name);
            if (!name.startsWith("META-INF/micronaut/")) {
                return all;
            }
            List<URL> kept = Collections.list(all).stream()
                    .filter(url -> !url.toString().contains("orchestrator-stream")).toList();
            return Collections.enumeration(kept);
        }
    }
}
