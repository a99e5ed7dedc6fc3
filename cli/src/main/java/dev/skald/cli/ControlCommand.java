package dev.skald.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skald.cli.internal.ApiClient;
import dev.skald.cli.internal.Arguments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code skald cancel|pause|resume|retry|resend|restart ID [--reason TEXT]}: {@code POST /sagas/{id}/<action>}. The request
 * goes through Kafka; the saga applies it in order with its other inputs.
 */
abstract class ControlCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "ID", converter = Arguments.SagaId.class, description = "The saga id.")
    String sagaId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; kept in the saga's history.")
    String reason;

    @Override
    int execute() {
        ApiClient.ApiResponse accepted = request(api(), sagaId, spec.name(), reason);
        if (out().json()) {
            out().json(accepted.body());
        } else {
            out().line(spec.name() + " requested for saga " + sagaId + " (see: skald status " + sagaId + ")");
        }
        return 0;
    }

    /** Posts a control action ({@code cancel}, {@code resend}...) for a saga, with an optional reason. */
    static ApiClient.ApiResponse request(ApiClient api, String saga, String action, String why) {
        String body = why == null ? null : JsonNodeFactory.instance.objectNode().put("reason", why).toString();
        return api.post("/sagas/" + ApiClient.segment(saga) + "/" + action, body);
    }

    @Command(name = "cancel", description = "Cancel a saga: it compensates its completed steps.")
    static final class Cancel extends ControlCommand {
    }

    @Command(name = "pause", description = "Pause a running saga: nothing new is dispatched.")
    static final class Pause extends ControlCommand {
    }

    @Command(name = "resume", description = "Resume a paused saga.")
    static final class Resume extends ControlCommand {
    }

    @Command(name = "retry", description = "Retry a FAILED saga's failed steps, or a COMPENSATION_FAILED saga's "
            + "failed compensations.")
    static final class Retry extends ControlCommand {
    }

    @Command(name = "resend", description = "Re-send the pending commands of a saga, with the same command ids "
            + "(for a saga stuck on a lost command).")
    static final class Resend extends ControlCommand {
    }

    @Command(name = "restart", description = "Run an ended saga (COMPLETED, FAILED or COMPENSATED) again from its "
            + "first step, with the same id and input; its commands get new ids.")
    static final class Restart extends ControlCommand {
    }
}
