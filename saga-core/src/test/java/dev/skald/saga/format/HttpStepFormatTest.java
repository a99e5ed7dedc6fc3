package dev.skald.saga.format;

import static dev.skald.saga.format.FormatTesting.problem;
import static dev.skald.saga.format.FormatTesting.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.saga.definition.HttpStep;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepKind;
import org.junit.jupiter.api.Test;

class HttpStepFormatTest {

    private static String saga(String step) {
        return "{\"name\": \"s\", \"version\": 1, \"steps\": [" + step + "]}";
    }

    @Test
    void anHttpStepIsATaskOfTheHttpParticipantWhoseInputIsTheRequest() {
        SagaDefinition definition = SagaDocuments.fromJson(FormatTesting.text("definitions/notify-http.json"));

        StepKind.Task charge = (StepKind.Task) definition.step("charge").orElseThrow().kind();
        assertThat(charge.participant()).isEqualTo(HttpStep.PARTICIPANT);
        assertThat(charge.commandType()).isEqualTo(HttpStep.COMMAND);
        assertThat(charge.input().get("method").textValue()).isEqualTo("POST");
        assertThat(charge.input().get("url").textValue())
                .isEqualTo("https://payments.example.com/charges/${input.orderId}");
        assertThat(charge.input().get("headers").get("Authorization").textValue())
                .isEqualTo("Bearer {{secret:PAYMENTS_TOKEN}}");
        assertThat(charge.input().get("successCodes")).hasSize(2);
        assertThat(charge.retry().maxAttempts()).isEqualTo(4);
        assertThat(HttpStep.isHttp(charge)).isTrue();
        assertThat(charge.undo().participant()).isEqualTo(HttpStep.PARTICIPANT);
        assertThat(charge.undo().input().get("method").textValue()).isEqualTo("DELETE");
        assertThat(HttpStep.isHttp(definition.step("ship").orElseThrow().kind())).isFalse();
    }

    @Test
    void aWrittenHttpStepReadsBackAsAnEqualDefinition() {
        SagaDefinition definition = SagaDocuments.fromJson(FormatTesting.text("definitions/notify-http.json"));

        assertThat(SagaDocuments.fromJson(SagaDocuments.toJson(definition))).isEqualTo(definition);
    }

    @Test
    void everyMistakeInARequestIsReportedWhereItIs() {
        String step = "{\"id\": \"call\", \"type\": \"http\", \"request\": {\"method\": \"FETCH\", \"url\": \"ftp://x/y\","
                + " \"headers\": {\"X-Count\": 3}, \"successCodes\": [200, 700, \"ok\"], \"bodyy\": {}}}";

        assertThat(problemsOf(() -> SagaDocuments.fromJson(saga(step)))).containsExactlyInAnyOrder(
                problem("steps[call].request.method", "'FETCH' is not a method an http step can use; expected one of"
                        + " DELETE, GET, HEAD, PATCH, POST, PUT"),
                problem("steps[call].request.url", "'ftp://x/y' is not an absolute http or https URL"),
                problem("steps[call].request.headers.X-Count", "a header's value must be a string, was a number (3)"),
                problem("steps[call].request.successCodes[1]",
                        "a number (700) is not an HTTP status code (a whole number from 100 to 599)"),
                problem("steps[call].request.successCodes[2]",
                        "a string (\"ok\") is not an HTTP status code (a whole number from 100 to 599)"),
                problem("steps[call].request.bodyy", "unknown field 'bodyy' in an http request; did you mean 'body'?"));
    }

    @Test
    void anHttpStepWithoutARequestOrWithTaskFieldsIsReported() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson(saga("{\"id\": \"call\", \"type\": \"http\","
                + " \"participant\": \"p\"}")))).containsExactlyInAnyOrder(
                problem("steps[call].request", "missing required field 'request'"),
                problem("steps[call].participant", "unknown field 'participant' in an http step; expected one of"
                        + " id, type, dependsOn, when, optional, pivot, request, retry, responseTimeout, timeout,"
                        + " compensation"));
    }

    @Test
    void aUrlMadeOfTemplatesIsCheckedOnlyForWhatIsLiteral() {
        String step = "{\"id\": \"call\", \"type\": \"http\", \"request\": {\"method\": \"GET\","
                + " \"url\": \"${input.baseUrl}/orders/${input.id}\"}}";

        StepKind.Task call = (StepKind.Task) SagaDocuments.fromJson(saga(step)).step("call").orElseThrow().kind();
        assertThat(call.input().get("url").textValue()).isEqualTo("${input.baseUrl}/orders/${input.id}");
    }
}
