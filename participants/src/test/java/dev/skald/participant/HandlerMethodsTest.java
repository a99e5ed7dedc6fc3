package dev.skald.participant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which methods can handle commands, and how they are described in errors. */
class HandlerMethodsTest {

    record Stock(String sku) {
    }

    @Test
    void aPayloadWithOrWithoutTheContextReturningAReplyIsAHandler() {
        assertThat(HandlerMethods.signature(new Class<?>[] {Stock.class, CommandContext.class}, Reply.class))
                .contains(new HandlerMethods.Signature(Stock.class, true));
        assertThat(HandlerMethods.signature(new Class<?>[] {JsonNode.class}, Reply.class))
                .contains(new HandlerMethods.Signature(JsonNode.class, false));
        assertThat(HandlerMethods.signature(new Class<?>[] {Map.class}, Reply.class))
                .contains(new HandlerMethods.Signature(Map.class, false));
    }

    @Test
    void otherSignaturesAreNot() {
        assertThat(HandlerMethods.signature(new Class<?>[] {Stock.class}, String.class)).isEmpty();
        assertThat(HandlerMethods.signature(new Class<?>[] {Stock.class, String.class}, Reply.class)).isEmpty();
        assertThat(HandlerMethods.signature(new Class<?>[] {}, Reply.class)).isEmpty();
        assertThat(HandlerMethods.signature(new Class<?>[] {int.class}, Reply.class)).isEmpty();
        assertThat(HandlerMethods.signature(new Class<?>[] {CommandContext.class}, Reply.class)).isEmpty();
        assertThat(HandlerMethods.signature(new Class<?>[] {Stock.class, CommandContext.class, String.class},
                Reply.class)).isEmpty();
    }

    @Test
    void aMethodIsDescribedByItsClassNameAndParameterTypes() {
        assertThat(HandlerMethods.describe(HandlerMethodsTest.class, "reserve", Stock.class, CommandContext.class))
                .isEqualTo("dev.skald.participant.HandlerMethodsTest.reserve(Stock, CommandContext)");
    }
}
