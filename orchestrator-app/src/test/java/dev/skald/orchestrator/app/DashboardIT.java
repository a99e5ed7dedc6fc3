package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.avro.SagaCommand;
import dev.skald.orchestrator.TestParticipants.Answer;
import dev.skald.saga.json.Json;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * The dashboard in a real headless Chromium against a real orchestrator on the embedded broker, with the API token
 * set for writes: filter the sagas, open one, read its steps and history, act on one, and check the result through
 * REST. Any error on the browser's console fails the test.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {
    private static final String TOKEN = "dashboard-" + UUID.randomUUID();
    private static final String HOSTILE = "<img src=x onerror=\"document.title='owned'\">";
    private static final String SHIPMENT = """
            {"name": "shipment", "version": 1, "steps": [
              {"id": "reserve", "participant": "stock", "command": "Reserve",
               "compensation": {"participant": "stock", "command": "Release"}},
              {"id": "charge", "participant": "payments", "command": "Charge"}
            ]}""";
    private static final String PARKED = """
            {"name": "parked", "version": 1, "steps": [{"id": "call", "participant": "nobody", "command": "Hang"}]}""";
    private static final String HOLDABLE = """
            {"name": "holdable", "version": 1, "steps": [
              {"id": "reserve", "participant": "stock", "command": "Reserve",
               "compensation": {"participant": "stock", "command": "Release"}},
              {"id": "hold", "type": "event", "event": "Go"}
            ]}""";

    private Chromium chromium;
    private AppFixture fixture;
    private RestClient rest;
    private DashboardPage page;

    @BeforeAll
    void start() {
        chromium = Chromium.start();
        fixture = AppFixture.start("dashboard-it", Map.of("skald.partitions", 2, "skald.api.token", TOKEN),
                DashboardIT::script);
        rest = fixture.rest().withHeader("Authorization", "Bearer " + TOKEN);
        page = new DashboardPage(chromium.driver(), fixture.app().uri());
        define(SHIPMENT);
        define(HOLDABLE);
        define(PARKED);
    }

    @AfterAll
    void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (fixture != null) {
                fixture.close();
            }
        }
    }

    /** Every command succeeds, except the charge of a saga whose id says it is doomed; nobody answers a Hang. */
    private static Answer script(SagaCommand command) {
        if (command.getCommandType().equals("Hang")) {
            return null;
        }
        if (command.getCommandType().equals("Charge") && command.getSagaId().startsWith("doomed-")) {
            return Answer.fail("card declined");
        }
        return Answer.ok("{\"done\": \"" + command.getCommandType() + "\"}");
    }

    @BeforeEach
    void laptopWindow() {
        chromium.laptop();
    }

    @AfterEach
    void noConsoleError(TestInfo test) {
        chromium.screenshot(test.getTestMethod().orElseThrow().getName() + "-last");
        assertThat(chromium.consoleErrors()).as("errors on the browser's console").isEmpty();
    }

    @Test
    void servesItsFilesWithoutTheToken() {
        RestClient anonymous = fixture.rest();

        assertThat(anonymous.get("/ui").text()).contains("<title>Skald dashboard</title>");
        assertThat(anonymous.get("/ui/").text()).contains("<title>Skald dashboard</title>");
        RestClient.Reply script = anonymous.get("/ui/dashboard.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(anonymous.get("/ui/dashboard.css").status()).isEqualTo(200);
        assertThat(anonymous.post("/sagas/anything/cancel").status()).isEqualTo(401);
    }

    @Test
    void theConsoleWatchSeesAnError() {
        page.open("/sagas");
        chromium.driver().executeScript("console.error('a planted error')");

        assertThat(chromium.consoleErrors()).anySatisfy(e -> assertThat(e).contains("a planted error"));
        chromium.clearConsoleErrors();
    }

    @Test
    void findsACompensatedSagaByFilterAndShowsItsStepsAndHistory() {
        String doomed = startSaga("doomed-" + UUID.randomUUID(), "{\"note\": " + quoted(HOSTILE) + "}");
        String fine = startSaga("fine-" + UUID.randomUUID(), "{}");
        awaitSaga(doomed, s -> s.get("status").asText().equals("COMPENSATED"));
        awaitSaga(fine, s -> s.get("status").asText().equals("COMPLETED"));

        page.open("/sagas");
        page.filterSagas("shipment", "COMPENSATED");

        assertThat(page.listedSagas()).contains(doomed).doesNotContain(fine);
        assertThat(Integer.parseInt(page.count("COMPENSATED"))).isPositive();
        page.openListedSaga(doomed);
        assertThat(page.shownSagaId()).isEqualTo(doomed);
        assertThat(page.steps()).containsExactly(Map.entry("reserve", "COMPENSATED"), Map.entry("charge", "FAILED"));
        assertThat(page.history()).anySatisfy(e -> assertThat(e).contains("step charge", "RUNNING → FAILED"))
                .anySatisfy(e -> assertThat(e).contains("saga", "COMPENSATING → COMPENSATED"));
        assertThat(page.text()).contains("card declined");
        assertThat(page.json("Input")).contains(quoted(HOSTILE));
        assertThat(chromium.driver().findElements(By.tagName("img"))).as("data is shown as text").isEmpty();
        assertThat(chromium.driver().getTitle()).isEqualTo("Skald dashboard");
        chromium.screenshot("saga-compensated");

        chromium.phone();
        assertThat(page.scrollsSideways()).as("the saga page fits a phone's width").isFalse();
        chromium.screenshot("saga-compensated-phone");
    }

    @Test
    void cancelsARunningSagaFromThePage() {
        String held = startSaga("held-" + UUID.randomUUID(), "{}", "holdable");
        awaitSaga(held, s -> s.at("/steps/1/status").asText().equals("WAITING"));

        page.open("/sagas");
        page.useToken(TOKEN);
        page.open("/saga/" + held);
        assertThat(page.steps()).containsEntry("hold", "WAITING");
        String said = page.act("cancel");

        assertThat(said).contains("cancel requested");
        JsonNode cancelled = awaitSaga(held, s -> s.get("status").asText().equals("COMPENSATED"));
        assertThat(cancelled.at("/steps/0/status").asText()).isEqualTo("COMPENSATED");
        assertThat(rest.get("/sagas/" + held + "/history").text()).contains("from the dashboard");
        page.refreshUntilStatus("COMPENSATED");
        assertThat(page.steps()).containsEntry("reserve", "COMPENSATED");
        chromium.screenshot("saga-cancelled");
    }

    @Test
    void listsAStuckSagaAndResendsItsCommandFromThePage() {
        String parked = startSaga("parked-" + UUID.randomUUID(), "{}", "parked");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> rest.get("/sagas/stuck?olderThan=1s").text().contains(parked));

        page.open("/sagas");
        page.useToken(TOKEN);
        page.open("/stuck?olderThan=1h");
        assertThat(page.listedSagas()).doesNotContain(parked);
        page.showStuck("1s");
        assertThat(page.listedSagas()).contains(parked);
        page.openListedSaga(parked);
        assertThat(page.steps()).containsEntry("call", "RUNNING");
        String said = page.act("resend");

        assertThat(said).contains("resend requested");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> rest.get("/sagas/" + parked + "/history").text().contains("COMMAND_RESENT"));
        page.refreshUntilHistoryShows("command resent");
        chromium.screenshot("saga-resent");
    }

    @Test
    void showsTheDefinitionsAndADocument() {
        page.open("/definitions");
        page.follow("tr[data-definition='shipment'] a.version");

        assertThat(page.json("Document")).contains("\"Reserve\"", "\"Release\"", "\"Charge\"");
        assertThat(page.text()).contains("Definition shipment version 1", "reserve", "stock/Reserve");
        chromium.phone();
        assertThat(page.scrollsSideways()).as("the definition page fits a phone's width").isFalse();
        chromium.screenshot("definition");
    }

    private void define(String json) {
        RestClient.Reply reply = rest.post("/definitions", json);
        assertThat(reply.status()).as("%s", reply).isIn(200, 201);
    }

    private String startSaga(String sagaId, String input) {
        return startSaga(sagaId, input, "shipment");
    }

    private String startSaga(String sagaId, String input, String definition) {
        RestClient.Reply reply = rest.post("/sagas", "{\"definition\": \"" + definition + "\", \"sagaId\": \""
                + sagaId + "\", \"input\": " + input + "}");
        assertThat(reply.status()).as("%s", reply).isEqualTo(202);
        return sagaId;
    }

    private JsonNode awaitSaga(String sagaId, Predicate<JsonNode> condition) {
        return rest.awaitSaga(sagaId, condition);
    }

    private static String quoted(String text) {
        return Json.mapper().getNodeFactory().textNode(text).toString();
    }
}
