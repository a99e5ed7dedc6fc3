package dev.skald.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The key table of docs/configuration.md is generated from {@link OrchestratorSettings#ALL}; this test fails when it
 * is stale. Regenerate it with
 * {@code mvn -B -pl orchestrator-stream test -Dtest=ConfigurationDocsTest -Dskald.docs.write=true}.
 */
class ConfigurationDocsTest {
    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final String START = "<!-- settings:start -->\n";
    private static final String END = "<!-- settings:end -->";

    static String table() {
        StringBuilder out = new StringBuilder("| Key | Environment variable | Default | Meaning |\n|---|---|---|---|\n");
        for (OrchestratorSettings.Setting<?> s : OrchestratorSettings.ALL) {
            String variables = s.environmentVariables().stream().map(v -> "`" + v + "`")
                    .collect(Collectors.joining(" or "));
            String value = s.defaultText() == null ? "none" : "`" + s.defaultText() + "`";
            out.append("| `").append(s.key()).append("` | ").append(variables).append(" | ").append(value)
                    .append(" | ").append(s.doc()).append(" |\n");
        }
        return out.toString();
    }

    @Test
    void theKeyTableListsEverySettingWithItsVariableAndDefault() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        assertThat(doc).as("docs/configuration.md marks its key table").contains(START, END);
        int start = doc.indexOf(START) + START.length();
        int end = doc.indexOf(END);
        String expected = doc.substring(0, start) + table() + doc.substring(end);
        if (Boolean.getBoolean("skald.docs.write")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
            doc = expected;
        }
        assertThat(doc).as("docs/configuration.md's key table is stale; regenerate it (see this test's javadoc)")
                .isEqualTo(expected);
    }
}
