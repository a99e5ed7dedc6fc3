package dev.skald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Option values are hostile until checked: a value that breaks its rule is refused before any request, in one line
 * naming the option and the rule, with exit code 1 and never a stack trace.
 */
class CliArgumentsTest extends CliAgainstFakeApi {
    @TempDir
    Path dir;

    private CliRun refused(String... args) {
        CliRun run = skald(args);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).as(run.toString()).startsWith("skald: ").doesNotContain("\tat ", "Exception")
                .hasLineCount(1);
        assertThat(api.requests()).isEmpty();
        return run;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --older-than | -PT5M                    | '-PT5M' is negative; a duration is 0 or more
            --older-than | 99999999999999999999999d | '99999999999999999999999d' is longer than the longest duration, 3650 days
            --older-than | 9999999999999999d        | '9999999999999999d' is longer than the longest duration, 3650 days
            --limit      | 0                        | must be a whole number from 1 to 10000, was '0'
            --limit      | 10001                    | must be a whole number from 1 to 10000, was '10001'
            --limit      | ten                      | must be a whole number from 1 to 10000, was 'ten'
            --limit      | 99999999999              | must be a whole number from 1 to 10000, was '99999999999'
            """)
    void stuckRefusesADurationOrLimitThatBreaksItsRule(String option, String value, String rule) {
        assertThat(refused("stuck", option, value).err()).isEqualTo("skald: " + option + ": " + rule + "\n");
    }

    @Test
    void listRefusesALimitAboveTheApisMost() {
        assertThat(refused("list", "--limit", "-1").err())
                .isEqualTo("skald: --limit: must be a whole number from 1 to 10000, was '-1'\n");
    }

    @ParameterizedTest(name = "{0} ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            status  | order 1 | 'order 1' is not a valid saga id
            history | a?b     | 'a?b' is not a valid saga id
            resend  | x%2F..  | 'x%2F..' is not a valid saga id
            """)
    void sagaCommandsRefuseASagaIdThatBreaksItsRule(String command, String id, String problem) {
        assertThat(refused(command, id).err())
                .isEqualTo("skald: ID: " + problem + " (letters, digits and . _ - : / @ + = ~)\n");
    }

    @Test
    void anEmptySagaIdIsRefused() {
        assertThat(refused("cancel", "").err()).isEqualTo("skald: ID: a saga id must not be empty\n");
    }

    @Test
    void aSagaIdWithControlCharactersIsQuotedEscaped() {
        assertThat(refused("start", "order", "--saga-id", "x\u001b[2Jy").err()).isEqualTo(
                "skald: --saga-id: 'x\\u001b[2Jy' is not a valid saga id (letters, digits and . _ - : / @ + = ~)\n");
    }

    @Test
    void aSagaIdLongerThanTheMostIsRefused() {
        assertThat(refused("status", "s".repeat(513)).err())
                .isEqualTo("skald: ID: a saga id has at most 512 characters, this one has 513\n");
    }

    @Test
    void aKeyWithAControlCharacterIsRefused() {
        assertThat(refused("start", "order", "--idempotency-key", "cart\n7").err()).isEqualTo(
                "skald: --idempotency-key: 'cart\\u000a7' is not a valid key (any characters but control characters)\n");
    }

    @Test
    void aVersionBelowOneIsRefused() {
        assertThat(refused("start", "order", "--version", "0").err())
                .isEqualTo("skald: --version: must be a whole number of at least 1, was '0'\n");
        assertThat(refused("definitions", "show", "order", "x").err())
                .isEqualTo("skald: VERSION: must be a whole number of at least 1, was 'x'\n");
    }

    @ParameterizedTest(name = "--input {0}")
    @CsvSource(delimiter = '|', textBlock = """
            [1]           | must be a JSON object ({...}), or @FILE holding one
            '"text"'      | must be a JSON object ({...}), or @FILE holding one
            ''            | must be a JSON object ({...}), or @FILE holding one
            @             | cannot read '': no such file
            @/nope/x.json | cannot read '/nope/x.json': no such file
            @/dev/zero    | cannot read '/dev/zero': not a regular file
            """)
    void startRefusesAnInputThatIsNotAJsonObject(String input, String rule) {
        assertThat(refused("start", "order", "--input", input).err()).isEqualTo("skald: --input: " + rule + "\n");
    }

    @Test
    void startRefusesAnInputWithSomethingAfterTheObject() {
        assertThat(refused("start", "order", "--input", "{} {}").err())
                .startsWith("skald: --input: not JSON: Trailing token (of type START_OBJECT) found after value");
    }

    @Test
    void startRefusesAnInputFileLargerThanARecord() throws IOException {
        Path big = Files.writeString(dir.resolve("big.json"), "{\"a\": \"" + "x".repeat(1024 * 1024) + "\"}");

        assertThat(refused("start", "order", "--input", "@" + big).err())
                .isEqualTo("skald: --input: cannot read '" + big + "': larger than 1024 KiB\n");
    }

    @Test
    void startReadsAnInputFileAsItIsNotAsArguments() throws IOException {
        api.on("POST", "/sagas", 202, "{\"sagaId\": \"s-1\"}");
        Path input = Files.writeString(dir.resolve("input.json"), "{\"sku\": \"A-1\"}\n");

        CliRun run = skald("start", "order", "--input", "@" + input);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(api.requests().get(0).body()).isEqualTo("{\"definition\":\"order\",\"input\":{\"sku\":\"A-1\"}}");
    }

    @Test
    void redriveRefusesAnAllowedTopicThatIsNotATopicName() {
        assertThat(refused("dead-letters", "redrive", "--all", "--allow-topic", "a/b").err()).isEqualTo(
                "skald: --allow-topic: 'a/b' is not a valid Kafka name: use 1 to 249 letters, digits, '.', '_' and "
                        + "'-' (not '.' or '..' alone)\n");
    }

    @Test
    void rebuildRefusesAnApplicationIdThatIsNotAKafkaName() {
        assertThat(refused("rebuild", "--application-id", "..").err()).startsWith(
                "skald: --application-id: '..' is not a valid Kafka name");
    }

    @Test
    void aTopicPrefixThatCannotNameTopicsIsRefused() {
        assertThat(refused("dead-letters", "list", "--topic-prefix", "a b.", "--bootstrap-servers", "localhost:1")
                .err()).isEqualTo("skald: --topic-prefix (or SKALD_TOPIC_PREFIX): 'a b.' is not a topic prefix: use at "
                        + "most 200 letters, digits, '.', '_' and '-'\n");
    }

    @Test
    void anApiThatIsNotHttpIsRefused() {
        assertThat(refused("status", "x", "--api", "file:///etc/passwd").err())
                .isEqualTo("skald: --api: 'file:///etc/passwd' is not a URL like http://localhost:8080\n");
    }

    @Test
    void usageErrorsStayExitCode2() {
        CliRun run = skald("stuck", "--older-than");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter for option '--older-than'");
    }

    @Test
    void aDotSegmentSagaIdStaysASegment() {
        api.on("GET", "/sagas/%2E%2E", 404, "{\"error\": \"no saga '..'\"}");

        CliRun run = skald("status", "..");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(api.requests()).extracting(FakeApi.Request::uri).containsExactly("/sagas/%2E%2E");
    }
}
