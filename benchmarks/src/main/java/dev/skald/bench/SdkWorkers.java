package dev.skald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.participant.Participant;
import dev.skald.participant.Reply;

/**
 * The participant SDK, the product's own path: one participant, {@code bench}, consuming its command topic with a
 * no-op handler per step that answers at once.
 */
record SdkWorkers() implements StepWorkers {

    @Override
    public String label() {
        return "SDK participant";
    }

    @Override
    public String applicationId() {
        return "bench-sagas";
    }

    @Override
    public String topicPrefix() {
        return "skald.";
    }

    @Override
    public boolean pollBridge() {
        return false;
    }

    @Override
    public AutoCloseable start(OrchestratorApp app, String bootstrap, RigSettings settings, Tracker tracker) {
        Participant.Builder builder = Participant.named(SagaRig.PARTICIPANT).config(settings.participant(bootstrap));
        for (int s = 1; s <= SagaRig.STEPS; s++) {
            int step = s;
            builder.handle(SagaRig.command(step), JsonNode.class, (payload, ctx) -> {
                tracker.handled(ctx.sagaId(), step);
                return Reply.success();
            });
        }
        return builder.start();
    }
}
