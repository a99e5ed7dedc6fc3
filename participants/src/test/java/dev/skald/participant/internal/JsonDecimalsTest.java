package dev.skald.participant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class JsonDecimalsTest {
    private final ObjectMapper mapper = Json.defaultMapper();

    record Charge(BigDecimal amount, BigDecimal big) {
    }

    @Test
    void aHandlerReadsAndAnswersDecimalsExactly() throws Exception {
        String payload = "{\"amount\":49.90,\"big\":12345678901234567.89}";

        Charge typed = mapper.readValue(payload, Charge.class);
        JsonNode tree = mapper.readTree(payload);

        assertThat(typed.amount()).isEqualTo(new BigDecimal("49.90"));
        assertThat(typed.big()).isEqualTo(new BigDecimal("12345678901234567.89"));
        assertThat(mapper.writeValueAsString(typed)).isEqualTo(payload);
        assertThat(mapper.writeValueAsString(tree)).isEqualTo(payload);
    }
}
