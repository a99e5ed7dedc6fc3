package dev.skald.saga.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.skald.saga.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final JsonNode INPUT = Json.tree(Map.of(
            "order", Map.of("total", 40.5, "items", List.of(Map.of("sku", "A-1"), Map.of("sku", "B-2"))),
            "email", "a@b.c"));
    private static final JsonNode RESERVE_OUTPUT = Json.tree(Map.of("reservationId", "r-1", "lines", List.of(1, 2)));

    private static final Scope SCOPE = ref -> switch (ref.root()) {
        case SAGA_INPUT -> INPUT;
        case SAGA_ID -> TextNode.valueOf("saga-7");
        case CORRELATION_KEY -> null;
        case STEP_OUTPUT -> "reserve".equals(ref.stepId()) ? RESERVE_OUTPUT : null;
        case STEP_INPUT -> null;
        case ITEM -> Json.tree(Map.of("sku", "A-1"));
        case INDEX -> com.fasterxml.jackson.databind.node.IntNode.valueOf(3);
    };

    private static JsonNode resolve(Object mapping) {
        return Template.compile(Json.tree(mapping)).resolve(SCOPE);
    }

    @Test
    void aWholeReferenceKeepsTheTypeOfItsValue() {
        JsonNode out = resolve(Map.of("order", "${input.order}", "total", "${input.order.total}",
                "lines", "${reserve.output.lines}"));

        assertThat(out.get("order").isObject()).isTrue();
        assertThat(out.get("total").isNumber()).isTrue();
        assertThat(out.get("total").doubleValue()).isEqualTo(40.5);
        assertThat(out.get("lines").isArray()).isTrue();
    }

    @Test
    void conductorSpellingsReadTheSameValues() {
        JsonNode out = resolve(Map.of("a", "${workflow.input.email}", "b", "${input.email}",
                "id", "${workflow.workflowId}", "id2", "${saga.id}"));

        assertThat(out.get("a")).isEqualTo(out.get("b"));
        assertThat(out.get("id").asText()).isEqualTo("saga-7");
        assertThat(out.get("id2").asText()).isEqualTo("saga-7");
    }

    @Test
    void arrayIndexesAndNestedPathsAreFollowed() {
        assertThat(resolve(Map.of("sku", "${input.order.items[1].sku}")).get("sku").asText()).isEqualTo("B-2");
    }

    @Test
    void aMissingPathYieldsNullAndSplicesAsEmptyText() {
        JsonNode out = resolve(Map.of("missing", "${input.nope.deeper}", "text", "id=${input.nope}!",
                "step", "${unknown.output.x}"));

        assertThat(out.get("missing").isNull()).isTrue();
        assertThat(out.get("text").asText()).isEqualTo("id=!");
        assertThat(out.get("step").isNull()).isTrue();
    }

    @Test
    void referencesInsideLongerTextAreSplicedAsText() {
        assertThat(resolve(Map.of("t", "order of ${input.order.total} for ${input.email}")).get("t").asText())
                .isEqualTo("order of 40.5 for a@b.c");
    }

    @Test
    void constantsStayAsWritten() {
        assertThat(resolve(Map.of("channels", List.of("email"), "n", 3)))
                .isEqualTo(Json.tree(Map.of("channels", List.of("email"), "n", 3)));
    }

    @Test
    void everyUnparseableStringIsReportedWithItsPath() {
        List<String> errors = new ArrayList<>();
        Template.compile(Json.tree(Map.of("a", "${input.x", "b", List.of("ok", "${reserve.result}"))),
                (path, message) -> errors.add(path + ": " + message));

        assertThat(errors).hasSize(2);
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(".a: ").contains("unclosed"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(".b[1]: ").contains("output or input"));
    }

    @Test
    void compileWithoutASinkThrowsAtTheFirstProblem() {
        assertThatThrownBy(() -> Template.compile(Json.tree(Map.of("a", "${saga.nope}"))))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("${saga.id}");
    }

    @Test
    void itemAndIndexNameTheElementOfAMapStepUnlessTheyReadAStepsOutput() {
        assertThat(resolve(Map.of("sku", "${item.sku}", "at", "${index}", "all", "${item}")))
                .isEqualTo(Json.tree(Map.of("sku", "A-1", "at", 3, "all", Map.of("sku", "A-1"))));
        assertThat(Template.compile(Json.tree("${item.output.x}")).references()).singleElement()
                .satisfies(ref -> assertThat(ref.root()).isEqualTo(Reference.Root.STEP_OUTPUT));
    }
}
