package dev.skald.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skald.avro.CommandKind;
import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaReply;
import dev.skald.avro.example.OrderPlaced;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonRecordsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AvroSerde<SagaReply> replies = AvroSerdes.of(SagaReply.class, Scopes.freshConfig());

    static Stream<Named<SpecificRecord>> samples() {
        return WireSamples.all().stream().map(r -> Named.of(r.getClass().getSimpleName(), r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void everyWireRecordWrittenAsJsonReadsBackEqualThroughTheAvroSerde(SpecificRecord sample) {
        AvroSerde serde = AvroSerdes.of(sample.getClass(), Scopes.freshConfig());

        Object read = serde.deserialize("wire", JsonRecords.write(sample));

        assertThat(read).isEqualTo(sample);
    }

    @Test
    void aCommandIsWrittenAsPlainJsonWithSymbolsAndMilliseconds() throws Exception {
        SagaCommand command = SagaCommand.newBuilder().setCommandId("o-1:reserve:1:action").setSagaId("o-1")
                .setStepId("reserve").setAttempt(1).setKind(CommandKind.ACTION).setParticipant("inventory")
                .setCommandType("ReserveStock").setPayload("{\"sku\":\"A-1\"}")
                .setIssuedAt(Instant.ofEpochMilli(1764750000000L)).build();

        JsonNode json = MAPPER.readTree(JsonRecords.write(command));

        assertThat(json.get("kind").textValue()).isEqualTo("ACTION");
        assertThat(json.get("issuedAt").longValue()).isEqualTo(1764750000000L);
        assertThat(json.get("payload").textValue()).isEqualTo("{\"sku\":\"A-1\"}");
        assertThat(json.get("attempt").intValue()).isEqualTo(1);
    }

    @Test
    void aReplyFromAnotherLanguageMayLeaveOutItsOptionalFieldsAndGiveItsOutputAsAnObject() {
        SagaReply reply = replies.deserialize("skald.saga-replies", utf8("""
                  {"commandId": "o-1:reserve:1:action", "sagaId": "o-1", "stepId": "reserve", "attempt": 1,
                   "kind": "ACTION", "outcome": "SUCCESS", "output": {"reservationId": "r-7", "amount": 49.90},
                   "repliedAt": 1764750000120, "extra": "ignored"}"""));

        assertThat(reply.getOutcome()).isEqualTo(ReplyOutcome.SUCCESS);
        assertThat(reply.getOutput()).isEqualTo("{\"reservationId\":\"r-7\",\"amount\":49.90}");
        assertThat(reply.getError()).isNull();
        assertThat(reply.getRepliedAt()).isEqualTo(Instant.ofEpochMilli(1764750000120L));
    }

    @Test
    void anOutcomeSymbolTheSchemaDoesNotKnowBecomesItsDefault() {
        SagaReply reply = replies.deserialize("r", utf8(replyWith("\"outcome\": \"MAYBE\"")));

        assertThat(reply.getOutcome()).isEqualTo(ReplyOutcome.UNKNOWN);
    }

    @Test
    void aMissingRequiredFieldIsNamedWithItsPath() {
        assertThatThrownBy(() -> replies.deserialize("r", utf8("{\"sagaId\": \"o-1\"}")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("JSON record of topic 'r'")
                .hasMessageContaining("$.commandId: missing");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithWhatWasExpected() {
        assertThatThrownBy(() -> replies.deserialize("r", utf8(replyWith("\"attempt\": \"one\""))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("$.attempt: expected a whole number within 32 bits, found \"one\"");
        assertThatThrownBy(() -> replies.deserialize("r", utf8(replyWith("\"attempt\": 1.5"))))
                .hasMessageContaining("$.attempt");
        assertThatThrownBy(() -> replies.deserialize("r", utf8(replyWith("\"sagaId\": null"))))
                .hasMessageContaining("$.sagaId");
    }

    @Test
    void brokenJsonIsASerializationError() {
        assertThatThrownBy(() -> replies.deserialize("r", utf8("  {\"commandId\": ")))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void textThatIsNeitherJsonNorFramedAvroIsStillRefusedAsUnframed() {
        assertThatThrownBy(() -> replies.deserialize("r", utf8("hello")))
                .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte");
    }

    @Test
    void aDecimalIsAnExactJsonNumberBothWays() throws Exception {
        AvroSerde<OrderPlaced> orders = AvroSerdes.of(OrderPlaced.class, Scopes.freshConfig());
        OrderPlaced order = WireSamples.orderPlaced();

        JsonNode json = MAPPER.readTree(JsonRecords.write(order));
        String amountField = order.getSchema().getFields().stream()
                .filter(f -> f.schema().getLogicalType() != null && "decimal".equals(f.schema().getLogicalType()
                        .getName())).findFirst().orElseThrow().name();
        BigDecimal amount = (BigDecimal) order.get(amountField);

        assertThat(json.get(amountField).decimalValue()).isEqualByComparingTo(amount);
        assertThat(orders.deserialize("o", JsonRecords.write(order))).isEqualTo(order);
    }

    private static String replyWith(String field) {
        String base = "{\"commandId\": \"o-1:reserve:1:action\", \"sagaId\": \"o-1\", \"stepId\": \"reserve\","
                + " \"attempt\": 1, \"kind\": \"ACTION\", \"outcome\": \"SUCCESS\", \"repliedAt\": 1}";
        String name = field.substring(0, field.indexOf(':'));
        return base.replaceFirst(java.util.regex.Pattern.quote(name) + ": [^,}]+", field);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
