package dev.skald.chaos.internal;

import dev.skald.avro.CommandKind;
import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaReply;
import dev.skald.orchestrator.SkaldTopics;
import dev.skald.testkit.KafkaBroker;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads every command topic and the replies to their end offsets ({@code read_committed}) and checks the run: every
 * saga ended, once; no command and no reply committed twice; the services' effects balance with the sagas' outcomes;
 * the REST API agrees with the outcomes.
 */
public final class Audit {
    /** The example order services' participants, whose command topics the audit reads. */
    public static final List<String> PARTICIPANTS = List.of("inventory", "payment", "shipping", "notification");
    private static final int EXAMPLES = 10;
    private static final int REST_SAMPLE = 200;

    private static final Duration READ_WITHIN = Duration.ofMinutes(3);

    private final KafkaBroker kafka;
    private final SkaldTopics topics;
    private final Deserializer<SagaCommand> commands;
    private final Deserializer<SagaReply> replies;
    private final Rest rest;

    public Audit(KafkaBroker kafka, SkaldTopics topics, Deserializer<SagaCommand> commands,
                 Deserializer<SagaReply> replies, Rest rest) {
        this.kafka = kafka;
        this.topics = topics;
        this.commands = commands;
        this.replies = replies;
        this.rest = rest;
    }

    /** Audits a run of these orders whose outcomes are {@code outcomes}, asking {@code api} about the unfinished. */
    public Verdict audit(List<Order> orders, Map<String, List<String>> outcomes, List<String> api, long seed) {
        List<SagaCommand> sent = new ArrayList<>();
        PARTICIPANTS.forEach(p -> sent.addAll(read(topics.commands(p), commands)));
        List<SagaReply> answered = read(topics.replies(), replies);
        Map<String, Long> commandIds = counts(sent, SagaCommand::getCommandId);
        Map<String, Long> replyIds = counts(answered, SagaReply::getCommandId);
        Map<String, String> status = new HashMap<>();
        outcomes.forEach((id, list) -> status.put(id, list.get(0)));
        Effects effects = Effects.of(answered);
        List<String> violations = orders.stream().filter(o -> status.containsKey(o.sagaId()))
                .map(o -> effects.violation(o.sagaId(), status.get(o.sagaId()))).filter(v -> v != null).toList();
        List<String> duplicateOutcomes = outcomes.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " " + e.getValue()).sorted().toList();
        List<String> unanswered = unanswered(sent, replyIds);
        int waits = (int) sent.stream().filter(c -> c.getStepId().equals("ship") && c.getAttempt() == 1
                && c.getKind() == CommandKind.ACTION).count();
        return new Verdict(orders.size(), status.size(), byStatus(status), lost(orders, status, api),
                repeated(commandIds), (int) repeatedCount(commandIds), repeated(replyIds),
                (int) repeatedCount(replyIds), first(duplicateOutcomes), duplicateOutcomes.size(), first(violations),
                violations.size(), ledger(orders, status, effects, "charge", Order::amount),
                ledger(orders, status, effects, "reserve", o -> BigDecimal.valueOf(o.quantity())),
                ledger(orders, status, effects, "ship", o -> BigDecimal.ONE), waits,
                restMismatches(orders, status, api, seed), sent.size(), answered.size(), unanswered);
    }

    private <T> List<T> read(String topic, Deserializer<T> values) {
        return kafka.committedRecordsToEnd(topic, READ_WITHIN).stream()
                .map(r -> values.deserialize(topic, r.headers(), r.value())).toList();
    }

    /** The balance of one step's effects over the sagas that ended (a running saga's effects are not settled). */
    private static Verdict.Ledger ledger(List<Order> orders, Map<String, String> status, Effects effects, String step,
                                         Function<Order, BigDecimal> size) {
        BigDecimal done = BigDecimal.ZERO;
        BigDecimal undone = BigDecimal.ZERO;
        BigDecimal completed = BigDecimal.ZERO;
        for (Order order : orders) {
            if (!status.containsKey(order.sagaId())) {
                continue;
            }
            BigDecimal each = size.apply(order);
            done = done.add(each.multiply(BigDecimal.valueOf(effects.done(order.sagaId(), step))));
            undone = undone.add(each.multiply(BigDecimal.valueOf(effects.undone(order.sagaId(), step))));
            if ("COMPLETED".equals(status.get(order.sagaId()))) {
                completed = completed.add(each);
            }
        }
        return new Verdict.Ledger(done, undone, completed);
    }

    private List<String> lost(List<Order> orders, Map<String, String> status, List<String> api) {
        return orders.stream().filter(o -> !status.containsKey(o.sagaId()))
                .map(o -> o.sagaId() + ": " + describe(o.sagaId(), api)).toList();
    }

    private String describe(String sagaId, List<String> api) {
        for (String base : api) {
            Rest.Response response = rest.get(base, "/sagas/" + sagaId);
            if (response.status() == 200 || response.status() == 404) {
                return response.status() == 404 ? "unknown to the orchestrators (its start was lost)"
                        : response.json().map(view -> view.path("status").asText() + ", steps "
                                + view.path("steps")).orElse(response.body());
            }
        }
        return "no orchestrator answered";
    }

    private List<String> restMismatches(List<Order> orders, Map<String, String> status, List<String> api,
                                        long seed) {
        List<Order> ended = orders.stream().filter(o -> status.containsKey(o.sagaId())).toList();
        SplittableRandom random = new SplittableRandom(seed);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < Math.min(REST_SAMPLE, ended.size()); i++) {
            Order order = ended.get(random.nextInt(ended.size()));
            String expected = status.get(order.sagaId());
            Optional<String> seen = restStatus(order.sagaId(), api);
            if (!seen.equals(Optional.of(expected))) {
                mismatches.add(order.sagaId() + ": outcome " + expected + ", REST " + seen.orElse("no answer"));
            }
        }
        return mismatches;
    }

    private Optional<String> restStatus(String sagaId, List<String> api) {
        for (String base : api) {
            Rest.Response response = rest.get(base, "/sagas/" + sagaId);
            if (response.status() == 200) {
                return response.json().map(view -> view.path("status").asText());
            }
        }
        return Optional.empty();
    }

    /** The commands without a committed reply, counted by command type and kind. */
    private static List<String> unanswered(List<SagaCommand> sent, Map<String, Long> replyIds) {
        return sent.stream().filter(c -> !replyIds.containsKey(c.getCommandId()))
                .collect(Collectors.groupingBy(c -> c.getCommandType() + " " + c.getKind(), TreeMap::new,
                        Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }

    private static Map<String, Integer> byStatus(Map<String, String> status) {
        return status.values().stream().collect(Collectors.toMap(s -> s, s -> 1, Integer::sum, TreeMap::new));
    }

    private static <T> Map<String, Long> counts(List<T> records, Function<T, String> id) {
        return records.stream().collect(Collectors.groupingBy(id, Collectors.counting()));
    }

    private static List<String> repeated(Map<String, Long> counts) {
        return first(counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " x" + e.getValue()).sorted().toList());
    }

    private static long repeatedCount(Map<String, Long> counts) {
        return counts.values().stream().filter(n -> n > 1).count();
    }

    private static List<String> first(List<String> all) {
        return List.copyOf(all.subList(0, Math.min(EXAMPLES, all.size())));
    }
}
