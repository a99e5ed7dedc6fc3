package dev.skald.orchestrator.app;

import dev.skald.avro.CommandKind;
import dev.skald.avro.ControlAction;
import dev.skald.avro.ExternalEvent;
import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaControl;
import dev.skald.avro.SagaReply;
import dev.skald.avro.SagaStart;
import dev.skald.avro.TimerFired;
import dev.skald.orchestrator.SkaldTopics;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * What the fuzzer sends: hostile REST calls (definitions, starts, control requests, queries) and hostile records on
 * every input topic (random bytes, and records of the right schema whose fields break every rule).
 */
final class FuzzActions {
    private FuzzActions() {
    }

    /** One thing sent to the orchestrator. */
    sealed interface Action permits Rest, Raw {
    }

    /** An HTTP call; {@code body} null for a GET. */
    record Rest(String method, String path, String body) implements Action {
        @Override
        public String toString() {
            return method + " " + cut(path) + (body == null ? "" : " " + cut(body));
        }
    }

    /** A record written straight to an input topic; {@code value} is built with the serdes of the run. */
    record Raw(String topic, String key, Function<WireSerdes, byte[]> value, String label) implements Action {
        @Override
        public String toString() {
            return "record on " + topic + " key " + (key == null ? "null" : cut(key)) + ": " + label;
        }
    }

    private static String cut(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "...(" + text.length() + ")" : text;
    }

    static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(24),
                Arbitraries.strings().withChars("/|%:0123456789aZ .-_\u0000\uffff\\\"").ofMinLength(1).ofMaxLength(20),
                Arbitraries.of("", " ", "a/0000000001", "greeting/0000000001", "x".repeat(600), "../../etc",
                        "%00", "null", "greeting", "probe-0", "sep|x|RETRY", "\uD83D\uDE00", "RETRY/greet/1"));
    }

    static Arbitrary<String> hostileNumber() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Object::toString),
                Arbitraries.bigDecimals().ofScale(4).map(Object::toString),
                Arbitraries.of("1e400", "-0", "12345678901234567.89", "49.90", "NaN", "1E-400", "9".repeat(400)));
    }

    static Arbitrary<String> hostileDuration() {
        return Arbitraries.oneOf(
                Arbitraries.of("PT9999999999999H", "-PT1S", "0s", "99999999999999999999d", "106751991167d", "1ms",
                        "P1D", "abc", "PT0.0001S", "3651d", "P3650D"),
                Arbitraries.longs().map(n -> n + "ms"));
    }

    /** A JSON value: a scalar, an array, an object, or nesting deep enough to trouble a parser. */
    static Arbitrary<String> hostileJson() {
        return Arbitraries.oneOf(
                hostileNumber(),
                hostileText().map(FuzzActions::quote),
                Arbitraries.of("true", "null", "[]", "{}", "[1,2,", "{\"a\":}", "[".repeat(5000) + "]".repeat(5000),
                        "{\"a\":".repeat(300) + "1" + "}".repeat(300)),
                Combinators.combine(hostileText(), hostileNumber()).as((k, v) -> "{" + quote(k) + ":" + v + "}"));
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static Arbitrary<Action> definitions() {
        return Combinators.combine(hostileText(), hostileDuration(), hostileNumber(), hostileText(), hostileJson())
                .as((name, duration, attempts, participant, input) -> new Rest("POST", "/definitions", """
                        {"name": %s, "version": %s, "timeout": %s, "steps": [
                          {"id": "a", "participant": %s, "command": "A", "input": {"x": %s},
                           "responseTimeout": %s, "retry": {"maxAttempts": %s, "backoff": "exponential",
                           "initialDelay": %s, "multiplier": %s}}]}""".formatted(quote(name), attempts,
                        quote(duration), quote(participant), input, quote(duration), attempts, quote(duration),
                        attempts)));
    }

    static Arbitrary<Action> starts() {
        Arbitrary<String> definition = Arbitraries.oneOf(Arbitraries.just("greeting"), hostileText());
        Arbitrary<String> idField = Arbitraries.oneOf(Arbitraries.just(""),
                hostileText().map(id -> ",\"sagaId\":" + quote(id)),
                hostileText().map(k -> ",\"idempotencyKey\":" + quote(k)),
                hostileText().map(k -> ",\"correlationKey\":" + quote(k)),
                hostileNumber().map(v -> ",\"version\":" + v));
        return Combinators.combine(definition, idField, hostileJson()).as((name, field, input) ->
                new Rest("POST", "/sagas", "{\"definition\":" + quote(name) + field + ",\"input\":" + input + "}"));
    }

    static Arbitrary<Action> controls() {
        return Combinators.combine(hostileText(), Arbitraries.of("cancel", "pause", "resume", "retry", "resend",
                "explode", "CANCEL"), Arbitraries.oneOf(Arbitraries.just(""), hostileJson(),
                hostileText().map(r -> "{\"reason\":" + quote(r) + "}"))).as((id, action, body) ->
                new Rest("POST", "/sagas/" + encode(id) + "/" + action, body));
    }

    static Arbitrary<Action> queries() {
        return Combinators.combine(hostileText(), hostileNumber(), hostileDuration(), Arbitraries.integers().between(0, 7))
                .as((text, number, duration, which) -> new Rest("GET", switch (which) {
                    case 0 -> "/sagas?status=" + encode(text) + "&limit=" + encode(number);
                    case 1 -> "/sagas?definition=" + encode(text);
                    case 2 -> "/sagas/stuck?olderThan=" + encode(duration) + "&limit=" + encode(number);
                    case 3 -> "/sagas/" + encode(text);
                    case 4 -> "/sagas/" + encode(text) + "/history";
                    case 5 -> "/internal/sagas/" + encode(text) + "?partition=" + encode(number) + "&stale=true";
                    case 6 -> "/internal/sagas?limit=" + encode(number) + "&status=" + encode(text);
                    default -> "/definitions/" + encode(text) + "/" + encode(number);
                }, null));
    }

    /** Records on every input topic: random bytes, empty values, and well-formed records with hostile fields. */
    static Arbitrary<Action> records(SkaldTopics topics) {
        Arbitrary<String> key = hostileText();
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<String> topic = Arbitraries.of(topics.inputs());
        Arbitrary<Action> random = Combinators.combine(topic, key, bytes).as((t, k, b) ->
                new Raw(t, k, serdes -> b, "random bytes"));
        Arbitrary<Action> typed = Combinators.combine(key, hostileText(), hostileText(), hostileJson(),
                Arbitraries.integers().between(0, 4)).as((k, a, b, json, which) -> typed(topics, k, a, b, json, which));
        return Arbitraries.oneOf(random, typed);
    }

    private static Action typed(SkaldTopics topics, String key, String a, String b, String json, int which) {
        Instant now = Instant.now();
        return switch (which) {
            case 0 -> new Raw(topics.starts(), key, s -> s.starts().serializer().serialize(topics.starts(),
                    SagaStart.newBuilder().setSagaId(key).setDefinition(a).setVersion(null).setInput(json)
                            .setCorrelationKey(b).setIdempotencyKey(null).setRequestedAt(now).setParent(null)
                            .build()), "start of " + cut(a));
            case 1 -> new Raw(topics.replies(), key, s -> s.replies().serializer().serialize(topics.replies(),
                    SagaReply.newBuilder().setCommandId(b).setSagaId(key).setStepId(a).setAttempt(a.length() - 3)
                            .setKind(CommandKind.ACTION).setOutcome(ReplyOutcome.SUCCESS).setOutput(json)
                            .setError(null).setRepliedAt(now).build()), "reply for step " + cut(a));
            case 2 -> new Raw(topics.control(), key, s -> s.control().serializer().serialize(topics.control(),
                    SagaControl.newBuilder().setSagaId(key).setAction(ControlAction.values()[a.length()
                            % ControlAction.values().length]).setReason(b).setRequestedAt(now).build()), "control");
            case 3 -> new Raw(topics.timers(), key, s -> s.timers().serializer().serialize(topics.timers(),
                    TimerFired.newBuilder().setSagaId(key).setTimerKey(a).setDueAt(now).build()), "timer " + cut(a));
            default -> new Raw(topics.externalEvents(), key, s -> s.externalEvents().serializer().serialize(
                    topics.externalEvents(), ExternalEvent.newBuilder().setSagaId(key).setEventType(a)
                            .setCorrelationKey(b).setPayload(json).setOccurredAt(now).build()), "event " + cut(a));
        };
    }

    /** A batch of actions of every kind. */
    static Arbitrary<List<Action>> batch(SkaldTopics topics) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, definitions()),
                net.jqwik.api.Tuple.of(4, starts()),
                net.jqwik.api.Tuple.of(2, controls()),
                net.jqwik.api.Tuple.of(3, queries()),
                net.jqwik.api.Tuple.of(4, records(topics))).list().ofMinSize(10).ofMaxSize(25);
    }
}
