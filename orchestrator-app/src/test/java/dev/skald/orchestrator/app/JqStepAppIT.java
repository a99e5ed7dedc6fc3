package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The application runs Conductor's JSON_JQ_TRANSFORM tasks out of the box, with its own jq executor. */
@Tag("kafka")
class JqStepAppIT {
    private AppFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aConductorWorkflowWithAJqTransformCompletesWithTheTransformsResult() throws IOException {
        fixture = AppFixture.start("jq-step-app-it", Map.of("skald.partitions", 1));
        RestClient rest = fixture.rest();
        assertThat(rest.post("/definitions", """
                {"name": "merge_lists", "version": 1, "inputParameters": ["first"],
                 "tasks": [{"name": "merge", "taskReferenceName": "merge", "type": "JSON_JQ_TRANSFORM",
                   "inputParameters": {"key1": {"value1": "${workflow.input.first}"}, "key2": {"value2": ["c", "d"]},
                                       "queryExpression": "{ key3: (.key1.value1 + .key2.value2) }"}}],
                 "outputParameters": {"merged": "${merge.output.result.key3}",
                                      "all": "${merge.output.resultList}"}}""").status()).isEqualTo(201);

        assertThat(rest.post("/sagas", """
                {"definition": "merge_lists", "sagaId": "merge-1", "input": {"first": ["a", "b"]}}""").status())
                .isEqualTo(202);

        RestClient.Reply saga = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> rest.get("/sagas/merge-1"), r -> r.status() == 200 && r.json().path("status").asText()
                        .equals("COMPLETED"));
        assertThat(saga.json().path("output")).isEqualTo(new JsonMapper().readTree("""
                {"merged": ["a", "b", "c", "d"], "all": [{"key3": ["a", "b", "c", "d"]}]}"""));
    }
}
