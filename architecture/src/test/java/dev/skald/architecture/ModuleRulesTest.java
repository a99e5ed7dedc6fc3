package dev.skald.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The doors between modules: each module is used through its public packages only, saga-core stays pure, and
 * production code does not reach for the test kit. Each rule lists every offending import, with its file.
 */
class ModuleRulesTest {
    private static final SourceTree TREE = SourceTree.ofProject();

    @Test
    void noModuleImportsAnotherModulesInternalPackage() {
        List<String> offenders = TREE.files().stream().filter(file -> !file.module().equals("architecture"))
                .flatMap(file -> file.imports().stream()
                .filter(i -> i.contains(".internal."))
                .filter(i -> TREE.owner(i).filter(owner -> !owner.equals(file.module())).isPresent())
                .map(i -> TREE.relative(file.path()) + " imports " + i + " of " + TREE.owner(i).orElseThrow()))
                .toList();

        assertThat(offenders).as("imports of another module's internal package").isEmpty();
    }

    @Test
    void sagaCoreImportsNeitherKafkaNorMicronaut() {
        List<String> offenders = TREE.files().stream().filter(f -> f.module().equals("saga-core") && !f.test())
                .flatMap(file -> file.imports().stream()
                        .filter(i -> i.startsWith("org.apache.kafka") || i.startsWith("io.micronaut"))
                        .map(i -> TREE.relative(file.path()) + " imports " + i))
                .toList();

        assertThat(offenders).isEmpty();
    }

    @Test
    void productionCodeDoesNotUseTheTestKit() {
        List<String> offenders = TREE.files().stream()
                .filter(f -> !f.test()
                        && !List.of("testkit", "benchmarks", "chaos", "architecture").contains(f.module()))
                .flatMap(file -> file.imports().stream().filter(i -> i.startsWith("dev.skald.testkit"))
                        .map(i -> TREE.relative(file.path()) + " imports " + i))
                .toList();

        assertThat(offenders).isEmpty();
    }

    @Test
    void theOrchestratorLibraryImportsNoMicronaut() {
        List<String> offenders = TREE.files().stream().filter(f -> f.module().equals("orchestrator-stream"))
                .flatMap(file -> file.imports().stream().filter(i -> i.startsWith("io.micronaut"))
                        .map(i -> TREE.relative(file.path()) + " imports " + i))
                .toList();

        assertThat(offenders).as("the Micronaut application is orchestrator-app").isEmpty();
    }

    @Test
    void eachParticipantStarterStaysInItsFrameworkAndTheSdkInNone() throws java.io.IOException {
        Map<String, List<String>> foreign = Map.of(
                "participants", List.of("io.micronaut", "org.springframework"),
                "participants-micronaut", List.of("org.springframework"),
                "participants-spring", List.of("io.micronaut"));
        List<String> offenders = TREE.files().stream()
                .filter(f -> foreign.containsKey(f.module()) && !(f.module().equals("participants") && f.test()))
                .flatMap(file -> file.imports().stream()
                        .filter(i -> foreign.get(file.module()).stream().anyMatch(i::startsWith))
                        .map(i -> TREE.relative(file.path()) + " imports " + i))
                .toList();

        assertThat(offenders).isEmpty();
        assertThat(pom("participants-spring")).doesNotContain("micronaut");
        assertThat(pom("participants-micronaut")).doesNotContain("springframework");
    }

    @Test
    void theOrchestratorsRuntimeClasspathHoldsNoBroker() throws java.io.IOException {
        String library = pom("orchestrator-stream");
        String app = pom("orchestrator-app");

        assertThat(dependency(library, "skald-embedded-kafka")).isEmpty();
        assertThat(dependency(library, "skald-testkit")).contains("<scope>test</scope>");
        assertThat(dependency(app, "skald-embedded-kafka")).contains("<scope>provided</scope>");
        assertThat(dependency(app, "skald-testkit")).contains("<scope>test</scope>");
        assertThat(dependency(library, "kafka_2.13") + dependency(app, "kafka_2.13")).isEmpty();
    }

    private static String pom(String module) throws java.io.IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("..", module, "pom.xml"));
    }

    /** The {@code <dependency>} element of {@code artifactId} in a pom, or the empty string. */
    private static String dependency(String pom, String artifactId) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<dependency>(?:(?!</dependency>).)*<artifactId>"
                + java.util.regex.Pattern.quote(artifactId) + "</artifactId>.*?</dependency>",
                java.util.regex.Pattern.DOTALL).matcher(pom);
        return m.find() ? m.group() : "";
    }

    @Test
    void theRuleSeesEveryModule() {
        assertThat(TREE.files()).extracting(SourceTree.SourceFile::module).contains("saga-core", "schemas",
                "orchestrator-stream", "orchestrator-app", "participants", "participants-micronaut",
                "participants-spring", "cli");
        assertThat(TREE.owner("dev.skald.orchestrator.internal.Serdes")).contains("orchestrator-stream");
        assertThat(TREE.owner("dev.skald.saga.json.Json")).contains("saga-core");
    }
}
