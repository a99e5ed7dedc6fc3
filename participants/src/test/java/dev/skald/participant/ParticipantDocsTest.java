package dev.skald.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The configuration table of docs/participants.md is generated from {@link ParticipantConfig#SETTINGS}; this test
 * fails when it is stale. Regenerate it with
 * {@code mvn -B -pl participants test -Dtest=ParticipantDocsTest -Dskald.docs.write=true}.
 */
class ParticipantDocsTest {
    private static final Path DOC = Path.of("..", "docs", "participants.md");
    private static final String START = "<!-- settings:start -->\n";
    private static final String END = "<!-- settings:end -->";

    static String table() {
        StringBuilder out = new StringBuilder("| Key | Default | Meaning |\n|---|---|---|\n");
        for (ParticipantConfig.Setting s : ParticipantConfig.SETTINGS) {
            String value = s.defaultValue().contains(" ") || s.defaultValue().startsWith("(") ? s.defaultValue()
                    : "`" + s.defaultValue() + "`";
            out.append("| `").append(s.key()).append("` | ").append(value).append(" | ").append(s.doc())
                    .append(" |\n");
        }
        return out.toString();
    }

    @Test
    void theConfigurationTableListsEverySettingWithItsDefault() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf(START) + START.length();
        int end = doc.indexOf(END);
        String expected = doc.substring(0, start) + table() + doc.substring(end);
        if (Boolean.getBoolean("skald.docs.write")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
            doc = expected;
        }
        assertThat(doc).as("docs/participants.md's settings table is stale; regenerate it (see this test's javadoc)")
                .isEqualTo(expected);
    }
}
