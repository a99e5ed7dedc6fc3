package dev.skald.saga.machine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.json.Json;
import org.junit.jupiter.api.Test;

class ExactDecimalsTest {

    @Test
    void decimalsSurviveAReadAndAWriteUnchanged() throws Exception {
        String text = "{\"price\":49.90,\"total\":12345678901234567.89,\"tiny\":0.000000000000000001,\"n\":7}";

        JsonNode tree = Json.mapper().readTree(text);

        assertThat(tree.get("total").isBigDecimal()).isTrue();
        assertThat(tree.get("total").decimalValue()).isEqualByComparingTo("12345678901234567.89");
        assertThat(Json.mapper().writeValueAsString(tree)).isEqualTo(text);
    }
}
