package dev.skald.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.skald.examples.FailureInjection;
import dev.skald.orchestrator.OrchestratorSettings;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Docker does not run on the build machines, so docker-compose.yml is checked against the code instead: every
 * environment key the orchestrator gets is a setting it reads, every command names a main class that exists, and
 * the example services' options parse.
 */
class DockerComposeTest {
    private static final Path ROOT = Path.of("..");

    private static JsonNode compose() throws IOException {
        return new YAMLMapper().readTree(Files.readString(ROOT.resolve("docker-compose.yml")));
    }

    @Test
    void theOrchestratorsEnvironmentKeysAreSettingsItReads() throws IOException {
        Set<String> known = OrchestratorSettings.ALL.stream().filter(s -> !s.isFamily())
                .flatMap(s -> s.environmentVariables().stream()).collect(Collectors.toSet());
        List<String> keys = new ArrayList<>();
        compose().at("/services/orchestrator/environment").fieldNames().forEachRemaining(keys::add);

        assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(key.startsWith("SKALD_KAFKA_") || known.contains(key))
                .as("%s is a setting of OrchestratorSettings", key).isTrue());
        assertThat(keys).contains("SKALD_BOOTSTRAP_SERVERS", "SKALD_SCHEMA_REGISTRY_URL", "SKALD_ADVERTISED_HOST");
    }

    @Test
    void everyCommandNamesAMainClassThatExists() throws Exception {
        JsonNode services = compose().get("services");
        List<String> mains = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            JsonNode command = e.getValue().get("command");
            if (command != null) {
                mains.add(command.get(0).asText());
            }
        });

        assertThat(mains).contains("dev.skald.orchestrator.app.Application", "dev.skald.examples.ExampleServices");
        for (String main : mains) {
            Method method = Class.forName(main).getMethod("main", String[].class);
            assertThat(Modifier.isStatic(method.getModifiers())).as("%s.main is static", main).isTrue();
        }
    }

    @Test
    void theExampleServicesOptionsParse() throws IOException {
        JsonNode command = compose().at("/services/order-services/command");
        List<String> args = new ArrayList<>();
        command.forEach(a -> args.add(a.asText()));

        int fail = args.indexOf("--fail");
        assertThat(fail).isPositive();
        assertThat(FailureInjection.Rule.parse(args.get(fail + 1)).commandType()).isEqualTo("Charge");
        assertThat(args.get(args.indexOf("--services") + 1)).isEqualTo("order");
    }

    @Test
    void theImageBuildsTheModulesTheCommandsComeFrom() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));

        assertThat(dockerfile).contains("orchestrator-app/target/orchestrator-app-", "participants/target/participants-");
        assertThat(Files.isDirectory(ROOT.resolve("orchestrator-app"))).isTrue();
        assertThat(Files.isDirectory(ROOT.resolve("participants"))).isTrue();
    }
}
