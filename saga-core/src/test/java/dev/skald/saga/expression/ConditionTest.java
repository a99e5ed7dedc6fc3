package dev.skald.saga.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.json.Json;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionTest {
    private static final JsonNode INPUT = Json.tree(Map.of("amount", 150, "country", "FR", "vip", true,
            "tier", "gold"));
    private static final Scope SCOPE = ref -> ref.root() == Reference.Root.SAGA_INPUT ? INPUT : null;

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "${input.amount} > 100 => true",
            "${input.amount} >= 150.0 => true",
            "${input.amount} < 100 => false",
            "${input.country} == 'FR' => true",
            "${input.country} != \"FR\" => false",
            "${input.vip} => true",
            "!${input.vip} => false",
            "${input.amount} > 100 && ${input.country} != 'US' => true",
            "${input.amount} > 1000 || ${input.tier} == 'gold' => true",
            "!(${input.amount} > 100) => false",
            "${input.missing} == null => true",
            "${input.missing} > 3 => false",
            "${input.tier} => false",
            "'b' > 'a' => true",
    })
    void evaluatesAsDocumented(String source, boolean expected) {
        assertThat(Condition.parse(source).holds(SCOPE)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"${input.a} ==", "(${input.a} == 1", "${input.a} === 1", "'open", "${input.a", "maybe"})
    void rejectsMalformedConditionsSayingWhere(String source) {
        assertThatThrownBy(() -> Condition.parse(source))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("condition '" + source + "'");
    }
}
