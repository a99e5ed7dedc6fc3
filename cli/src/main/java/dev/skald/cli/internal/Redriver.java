package dev.skald.cli.internal;

import dev.skald.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Re-drives dead letters to the topics they came from, each at most once, even across repeated or concurrent runs.
 *
 * <p>A compacted ledger topic ({@code <prefix>dead-letter-redrives}) holds one entry per re-driven dead letter, keyed
 * {@code <partition>:<offset>}. Every run uses the same transactional id ({@code <prefix>redrive}):
 * {@code initTransactions()} fences any other run and completes or aborts its open transaction; only then does this
 * run read the ledger to its end (read_committed), skip what it lists, and write the re-driven records together with
 * their ledger entries in one transaction. A dead letter is thus either in a committed ledger entry, written in the
 * same transaction as its re-driven record, or re-driven by no one; readers with read_committed (the orchestrator)
 * never see an aborted re-drive.
 *
 * <p>A dead letter is written back only to a topic {@link RedriveTargets} allows: Skald's input topics, or one the
 * operator named. Any other {@code skald.dlq.topic} is refused, reported, and left for a later run.
 *
 * <p>A re-driven record keeps its original timestamp (the dead letter's), because the orchestrator's clock is the
 * record timestamp: the saga sees the input as of when it was first sent, and a later replay of the topics, which
 * meets the original record first, reaches the same state.
 */
public final class Redriver {
    private final KafkaAccess kafka;
    private final RedriveTargets targets;
    private final TopicReader reader;

    /** A redriver writing to {@code targets} only. */
    public Redriver(KafkaAccess kafka, RedriveTargets targets) {
        this.kafka = kafka;
        this.targets = targets;
        this.reader = new TopicReader(kafka);
    }

    /**
     * What a run did.
     *
     * @param redriven        dead letters re-driven by this run (or that would be, in a dry run)
     * @param alreadyRedriven selected dead letters an earlier run re-drove
     * @param withoutOrigin   selected dead letters without a {@code skald.dlq.topic} header, left alone
     * @param refused         selected dead letters whose {@code skald.dlq.topic} is not an allowed target, left alone
     */
    public record Result(List<DeadLetter> redriven, List<DeadLetter> alreadyRedriven, List<DeadLetter> withoutOrigin,
                         List<Refusal> refused) {
        /** Nothing selected. */
        static final Result NONE = new Result(List.of(), List.of(), List.of(), List.of());

        /**
         * What to do with the {@code selected} dead letters: skip those in the ledger ({@code done}), leave alone
         * those without an origin, refuse those whose origin {@code targets} does not allow, re-drive the rest.
         */
        public static Result plan(List<DeadLetter> selected, Set<String> done, RedriveTargets targets) {
            List<DeadLetter> redriven = new ArrayList<>();
            List<DeadLetter> alreadyRedriven = new ArrayList<>();
            List<DeadLetter> withoutOrigin = new ArrayList<>();
            List<Refusal> refused = new ArrayList<>();
            for (DeadLetter letter : selected) {
                if (done.contains(letter.id())) {
                    alreadyRedriven.add(letter);
                } else if (letter.originTopic() == null) {
                    withoutOrigin.add(letter);
                } else {
                    targets.refusal(letter.originTopic()).ifPresentOrElse(
                            reason -> refused.add(new Refusal(letter, reason)), () -> redriven.add(letter));
                }
            }
            return new Result(List.copyOf(redriven), List.copyOf(alreadyRedriven), List.copyOf(withoutOrigin),
                    List.copyOf(refused));
        }
    }

    /**
     * A dead letter the redrive refused to write back.
     *
     * @param letter the dead letter
     * @param reason why, in a sentence
     */
    public record Refusal(DeadLetter letter, String reason) {
    }

    /** Re-drives the selected dead letters not re-driven before; a dry run only says which. */
    public Result redrive(Predicate<DeadLetter> selection, boolean dryRun) {
        int replication;
        try (Admin admin = kafka.admin()) {
            replication = replicationOfDeadLetters(admin);
            if (replication > 0 && !dryRun) {
                ensureLedger(admin, (short) replication);
            }
        }
        if (replication == 0) {
            return Result.NONE;
        }
        return dryRun ? plan(selection) : commit(selection);
    }

    private Result plan(Predicate<DeadLetter> selection) {
        Set<String> done = ledger();
        List<DeadLetter> selected = reader.readAll(kafka.topics().deadLetters()).stream().map(DeadLetter::of)
                .filter(selection).toList();
        return Result.plan(selected, done, targets);
    }

    private Result commit(Predicate<DeadLetter> selection) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                kafka.transactionalProducer(kafka.topics().prefix() + "redrive"))) {
            producer.initTransactions();
            Result plan = plan(selection);
            if (!plan.redriven().isEmpty()) {
                write(producer, plan.redriven());
            }
            return plan;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw kafka.unreachable("re-drive dead letters", e);
        }
    }

    private void write(KafkaProducer<byte[], byte[]> producer, List<DeadLetter> letters) {
        producer.beginTransaction();
        try {
            for (DeadLetter letter : letters) {
                producer.send(redriven(letter));
                producer.send(ledgerEntry(letter));
            }
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw new CliException("another redrive run started meanwhile and fenced this one; this run re-drove "
                    + "nothing: run it again", CliException.FAILED, e);
        } catch (KafkaException e) {
            abort(producer, e);
            throw new CliException("the redrive failed and was rolled back: " + e.getMessage(), CliException.FAILED,
                    e);
        }
    }

    private static void abort(KafkaProducer<byte[], byte[]> producer, KafkaException failure) {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            failure.addSuppressed(e);
        }
    }

    private static ProducerRecord<byte[], byte[]> redriven(DeadLetter letter) {
        List<Header> headers = new ArrayList<>(letter.originalHeaders());
        headers.add(new RecordHeader(DeadLetterHeaders.REDRIVEN_FROM, letter.id().getBytes(StandardCharsets.UTF_8)));
        // stamped now: the orchestrator applies it as of now, and a replay, which resolves each start against the
        // definitions applied as of its timestamp, meets the original (dead-lettered again) and then this one
        return new ProducerRecord<>(letter.originTopic(), null, null, letter.key(), letter.value(), headers);
    }

    private ProducerRecord<byte[], byte[]> ledgerEntry(DeadLetter letter) {
        String entry = letter.toJson().put("redrivenAt", Instant.now().toString()).toString();
        return new ProducerRecord<>(ledgerTopic(), letter.id().getBytes(StandardCharsets.UTF_8),
                entry.getBytes(StandardCharsets.UTF_8));
    }

    private Set<String> ledger() {
        return reader.readAll(ledgerTopic()).stream().filter(r -> r.key() != null && r.value() != null)
                .map(r -> new String(r.key(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
    }

    private String ledgerTopic() {
        return kafka.topics().prefix() + "dead-letter-redrives";
    }

    /** The replication factor of the dead-letter topic; 0 if it does not exist. */
    private int replicationOfDeadLetters(Admin admin) {
        String topic = kafka.topics().deadLetters();
        try {
            Map<String, TopicDescription> topics = kafka.await(admin.describeTopics(List.of(topic)).allTopicNames(),
                    "describe " + topic);
            return topics.get(topic).partitions().get(0).replicas().size();
        } catch (CliException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw e;
        }
    }

    private void ensureLedger(Admin admin, short replication) {
        NewTopic ledger = new NewTopic(ledgerTopic(), 1, replication)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            kafka.await(admin.createTopics(List.of(ledger)).all(), "create topic " + ledgerTopic());
        } catch (CliException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
