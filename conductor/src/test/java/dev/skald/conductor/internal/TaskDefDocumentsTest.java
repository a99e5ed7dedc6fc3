package dev.skald.conductor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.Problem;
import dev.skald.saga.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskDefDocumentsTest {
    @Test
    void readsTheSettingsWithConductorsDefaultsForWhatIsLeftOut() throws Exception {
        assertThat(TaskDefDocuments.settings(json("{\"name\": \"charge\"}")))
                .isEqualTo(TaskSettings.defaults("charge"));
        assertThat(TaskDefDocuments.settings(json("{\"name\": \"charge\", \"retryCount\": 1, \"retryLogic\": "
                + "\"LINEAR_BACKOFF\", \"retryDelaySeconds\": 5, \"timeoutSeconds\": 60, "
                + "\"responseTimeoutSeconds\": 10, \"pollTimeoutSeconds\": 30}")))
                .isEqualTo(new TaskSettings("charge", 1, "LINEAR_BACKOFF", 5, 60, 10, 30));
    }

    @Test
    void reportsEveryBrokenRuleAtItsPlace() throws Exception {
        List<Problem> problems = new ArrayList<>();
        TaskDefDocuments.check(json("{\"retryCount\": -1, \"responseTimeoutSeconds\": 0, \"retryLogic\": \"RANDOM\", "
                + "\"timeoutPolicy\": 3, \"pollTimeoutSeconds\": 1.5}"), "taskDef", problems);
        assertThat(problems).extracting(Problem::place).containsExactlyInAnyOrder("taskDef.name",
                "taskDef.retryCount", "taskDef.responseTimeoutSeconds", "taskDef.retryLogic", "taskDef.timeoutPolicy",
                "taskDef.pollTimeoutSeconds");
    }

    @Test
    void acceptsWhatConductorAccepts() throws Exception {
        List<Problem> problems = new ArrayList<>();
        TaskDefDocuments.check(json("{\"name\": \"charge\", \"retryCount\": 0, \"timeoutSeconds\": 60, "
                + "\"responseTimeoutSeconds\": 60, \"timeoutPolicy\": \"TIME_OUT_WF\", \"ownerEmail\": \"a@b.c\"}"),
                "taskDef", problems);
        assertThat(problems).isEmpty();
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }
}
