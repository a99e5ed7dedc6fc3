#!/usr/bin/env python3
"""A Skald participant in Python: commands in, one reply per command out, exactly once, over Kafka and JSON.

It speaks the participant protocol of docs/protocol.md in its JSON encoding (list the participant in the
orchestrator's ``skald.json-participants``), with confluent-kafka as its only dependency (Debian:
``python3-confluent-kafka``; PyPI: ``confluent-kafka``)::

    participant = Participant(Settings(bootstrap_servers="localhost:9092", participant="mailer"))

    @participant.handler("SendWelcome")
    def send_welcome(payload, command):
        if not payload.get("to"):
            raise BusinessFailure("no address")          # BUSINESS_FAILURE: the saga compensates
        return {"messageId": mail(payload["to"], idempotency_key=command.command_id)}   # SUCCESS, the output

    participant.run()                                    # until SIGTERM or SIGINT

Any other exception is a RETRIABLE_FAILURE (the saga retries the step per its policy); a command type without a
handler is a BUSINESS_FAILURE naming it; a record that is not a JSON command goes to ``<prefix>dead-letters``
(``skald.dlq.kind`` ``UNDECODABLE``) in the batch's transaction.

What it guarantees, like the Java SDK: commands are read ``read_committed`` without auto-commit; a batch is handled
in one producer transaction holding its replies (keyed by saga id, to ``<prefix>saga-replies``), their copies in the
participant's reply log and the consumed offsets; on an error the transaction is aborted and the batch read again.
So each command record gets exactly one committed reply, whatever crashes. A redelivered command (same command id)
is answered with its stored reply without running the handler again: replies are kept by command id in the reply log
``<prefix>participant-replies.<participant>`` (compacted, partition for partition with the command topic, kept
``--dedupe-retention-ms``, 7 days by default) and, for the partitions this process owns, in memory. Effects outside
Kafka are still at least once (a crash before the commit runs the handler again): key them by the command id.

Run as a program it serves the conformance handlers that every Skald participant implementation provides (the Java
suite ``ParticipantConformance`` drives them): ``Echo`` (output = payload), ``Refuse`` (business failure),
``Flaky`` (retriable failure) and ``Count`` (output ``{"runs": N}``, the times its handler ran for that command id)::

    /usr/bin/python3 skald_participant.py --bootstrap-servers localhost:9092 --participant conformance
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

from confluent_kafka import Consumer, KafkaError, KafkaException, Message, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

SUCCESS = "SUCCESS"
BUSINESS_FAILURE = "BUSINESS_FAILURE"
RETRIABLE_FAILURE = "RETRIABLE_FAILURE"
MAX_ERROR_CHARS = 2000


class BusinessFailure(Exception):
    """Raised by a handler: the step failed for a business reason and must not be retried (BUSINESS_FAILURE)."""


@dataclass(frozen=True)
class Command:
    """A command as the orchestrator wrote it (the ``SagaCommand`` fields), its payload already parsed."""

    command_id: str
    saga_id: str
    step_id: str
    attempt: int
    kind: str
    participant: str
    command_type: str
    payload: Any
    issued_at: int

    @staticmethod
    def from_json(value: bytes) -> Command:
        """Decodes a command record's value; raises ``ValueError`` (or ``KeyError``) when it is not one."""
        record = json.loads(value)
        payload = record["payload"]
        return Command(command_id=record["commandId"], saga_id=record["sagaId"], step_id=record["stepId"],
                       attempt=int(record["attempt"]), kind=record["kind"], participant=record["participant"],
                       command_type=record["commandType"],
                       payload=json.loads(payload) if isinstance(payload, str) else payload,
                       issued_at=int(record["issuedAt"]))

    def reply(self, outcome: str, output: Any = None, error: str | None = None) -> bytes:
        """The JSON text of this command's reply (the ``SagaReply`` fields)."""
        return json.dumps({"commandId": self.command_id, "sagaId": self.saga_id, "stepId": self.step_id,
                           "attempt": self.attempt, "kind": self.kind, "outcome": outcome,
                           "output": None if output is None else json.dumps(output, separators=(",", ":")),
                           "error": None if error is None else error[:MAX_ERROR_CHARS],
                           "repliedAt": int(time.time() * 1000)}, separators=(",", ":")).encode("utf-8")


Handler = Callable[[Any, Command], Any]


@dataclass(frozen=True)
class Settings:
    """Where the participant runs; the defaults match the orchestrator's and the Java SDK's."""

    bootstrap_servers: str
    participant: str
    topic_prefix: str = "skald."
    group_id: str | None = None
    instance_id: str | None = None
    partitions: int = 6
    max_batch: int = 500
    poll_timeout: float = 0.1
    transaction_timeout_ms: int = 30_000
    dedupe_retention_ms: int = 7 * 24 * 3600 * 1000
    stall_after: int = 0
    verbose: bool = False

    @property
    def group(self) -> str:
        """The consumer group: ``--group-id``, or ``skald-participant-<participant>`` like the Java SDK."""
        return self.group_id or f"skald-participant-{self.participant}"

    @property
    def commands_topic(self) -> str:
        return f"{self.topic_prefix}commands.{self.participant}"

    @property
    def replies_topic(self) -> str:
        return f"{self.topic_prefix}saga-replies"

    @property
    def dead_letters_topic(self) -> str:
        return f"{self.topic_prefix}dead-letters"

    @property
    def reply_log_topic(self) -> str:
        return f"{self.topic_prefix}participant-replies.{self.participant}"


class Participant:
    """Runs handlers, registered by command type, on the commands of one participant, one transaction per batch."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._instance = settings.instance_id or uuid.uuid4().hex
        self._handlers: dict[str, Handler] = {}
        self._replies: dict[str, bytes] = {}       # command id -> reply, for the partitions this process owns
        self._stopping = threading.Event()
        self.handled = 0                           # handler calls in committed or open transactions

    def handler(self, command_type: str) -> Callable[[Handler], Handler]:
        """Registers the decorated ``function(payload, command)`` for ``command_type``; it returns the output."""
        def register(function: Handler) -> Handler:
            if command_type in self._handlers:
                raise ValueError(f"a handler for {command_type} is already registered")
            self._handlers[command_type] = function
            return function
        return register

    @property
    def _member_id(self) -> str:
        """The transactional id (and, with an instance id set, the static group member): ``<group>-<instance>``."""
        return f"{self.settings.group}-{self._instance}"

    def stop(self) -> None:
        """Asks :meth:`run` to return once the batch in flight is committed (safe from a signal handler)."""
        self._stopping.set()

    def run(self, on_ready: Callable[[], None] = lambda: None) -> None:
        """Consumes and answers commands until :meth:`stop`; then commits the batch in flight and closes."""
        self._ensure_topics()
        producer = Producer({"bootstrap.servers": self.settings.bootstrap_servers,
                             "transactional.id": self._member_id,
                             "transaction.timeout.ms": self.settings.transaction_timeout_ms,
                             "enable.idempotence": True, "acks": "all",
                             # Java's default partitioner: a reply lands in the partition its saga id hashes to
                             "partitioner": "murmur2_random"})
        producer.init_transactions()               # fences (and aborts) a previous incarnation's open transaction
        config = {"bootstrap.servers": self.settings.bootstrap_servers, "group.id": self.settings.group,
                  "isolation.level": "read_committed", "enable.auto.commit": False, "auto.offset.reset": "earliest"}
        if self.settings.instance_id:
            config["group.instance.id"] = self._member_id    # a restart takes its partitions back at once
        consumer = Consumer(config)
        consumer.subscribe([self.settings.commands_topic], on_assign=self._restore, on_revoke=self._forget)
        on_ready()
        try:
            while not self._stopping.is_set():
                batch = [m for m in consumer.consume(self.settings.max_batch, self.settings.poll_timeout)
                         if self._usable(m)]
                if batch:
                    self._answer(batch, consumer, producer)
        finally:
            consumer.close()
            producer.flush(10)

    def _answer(self, batch: list[Message], consumer: Consumer, producer: Producer) -> None:
        """Answers a batch in one transaction; on an error, aborts it and rewinds to the batch's first records. A fatal
        error (this producer fenced by a newer instance with the same id) propagates and ends :meth:`run`."""
        staged: dict[str, bytes] = {}
        producer.begin_transaction()
        try:
            for message in batch:
                try:
                    command = Command.from_json(message.value())
                except (ValueError, KeyError, TypeError) as e:
                    self._dead_letter(producer, message, f"not a JSON SagaCommand: {e!r}")
                    continue
                reply = staged.get(command.command_id) or self._replies.get(command.command_id)
                if reply is None:
                    self._crash_drill(producer, staged)
                    reply = self._handle(command)
                    self.handled += 1
                    staged[command.command_id] = reply
                    producer.produce(self.settings.reply_log_topic, key=command.command_id, value=reply,
                                     partition=message.partition())
                producer.produce(self.settings.replies_topic, key=command.saga_id, value=reply)
            producer.send_offsets_to_transaction(_next_offsets(batch), consumer.consumer_group_metadata())
            producer.commit_transaction()
        except KafkaException as e:
            print(f"batch of {len(batch)} aborted and read again: {e!r}", file=sys.stderr, flush=True)
            producer.abort_transaction()
            for message in _first_of_each_partition(batch):
                consumer.seek(TopicPartition(message.topic(), message.partition(), message.offset()))
            return
        self._replies.update(staged)
        if self.settings.verbose:
            print("answered " + ", ".join(f"{m.key()!r}@{m.partition()}/{m.offset()}" for m in batch), flush=True)

    def _dead_letter(self, producer: Producer, message: Message, reason: str) -> None:
        """Sends an undecodable command, as it came, to ``<prefix>dead-letters`` with the ``skald.dlq.*`` headers."""
        print(f"dead-lettering {message.topic()}-{message.partition()}@{message.offset()}: {reason}",
              file=sys.stderr, flush=True)
        headers = [(key, str(value).encode("utf-8")) for key, value in (
            ("skald.dlq.kind", "UNDECODABLE"), ("skald.dlq.reason", reason[:MAX_ERROR_CHARS]),
            ("skald.dlq.topic", message.topic()), ("skald.dlq.partition", message.partition()),
            ("skald.dlq.offset", message.offset()), ("skald.dlq.participant", self.settings.participant))]
        producer.produce(self.settings.dead_letters_topic, key=message.key(), value=message.value(),
                         headers=(message.headers() or []) + headers)

    def _crash_drill(self, producer: Producer, staged: dict[str, bytes]) -> None:
        """With ``stall_after`` > 0: the first handler call past that many, in a transaction holding replies already,
        blocks until the process is killed."""
        if self.settings.stall_after and self.handled >= self.settings.stall_after and staged:
            producer.flush(10)                     # the open transaction's replies reach the broker
            print(f"stalled after {self.settings.stall_after} commands ({self.handled} handled)", flush=True)
            threading.Event().wait()

    def _handle(self, command: Command) -> bytes:
        """Runs the command's handler and turns what it returned or raised into the reply."""
        handler = self._handlers.get(command.command_type)
        if handler is None:
            return command.reply(BUSINESS_FAILURE, error=f"no handler for command type {command.command_type} "
                                                         f"in participant {self.settings.participant}")
        try:
            output = handler(command.payload, command)
        except BusinessFailure as e:
            return command.reply(BUSINESS_FAILURE, error=str(e))
        except Exception as e:  # noqa: BLE001 - any other failure is transient by the protocol: the step retries
            return command.reply(RETRIABLE_FAILURE, error=f"{type(e).__name__}: {e}")
        try:
            return command.reply(SUCCESS, output={} if output is None else output)
        except (TypeError, ValueError) as e:       # retrying would give the same output
            return command.reply(BUSINESS_FAILURE, error=f"the output of {command.command_type} is not JSON: {e}")

    def _restore(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        """On assignment: reads the reply log's partitions that match the assigned ones, committed records only (an
        open transaction of a crashed instance that is not restarted holds this until the transaction timeout)."""
        log = Consumer({"bootstrap.servers": self.settings.bootstrap_servers,
                        "group.id": f"{self.settings.group}-reply-log",    # assigned, never committed
                        "isolation.level": "read_committed", "enable.auto.commit": False})
        try:
            wanted = [TopicPartition(self.settings.reply_log_topic, p.partition, 0) for p in partitions]
            ends = {tp.partition: log.get_watermark_offsets(tp, timeout=10)[1] for tp in wanted}
            log.assign(wanted)
            pending = {p for p, end in ends.items() if end > 0}
            while pending:
                for message in log.consume(1000, 0.2):
                    if self._usable(message):
                        self._replies[message.key().decode("utf-8")] = message.value()
                for tp in log.position([TopicPartition(self.settings.reply_log_topic, p) for p in list(pending)]):
                    if tp.offset >= ends[tp.partition]:
                        pending.discard(tp.partition)
        finally:
            log.close()
        print(f"assigned {sorted(p.partition for p in partitions)}; {len(self._replies)} replies restored",
              flush=True)

    def _forget(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        """On revocation: the new owner restores these replies; this process keeps none it cannot tell apart."""
        self._replies.clear()

    def _ensure_topics(self) -> None:
        """Creates the command, reply and dead-letter topics and the compacted reply log when missing."""
        admin = AdminClient({"bootstrap.servers": self.settings.bootstrap_servers})
        s = self.settings
        wanted = [NewTopic(name, s.partitions, 1) for name in (s.commands_topic, s.replies_topic, s.dead_letters_topic)]
        _create(admin, wanted)
        partitions = len(admin.list_topics(s.commands_topic, timeout=10).topics[s.commands_topic].partitions)
        _create(admin, [NewTopic(s.reply_log_topic, partitions, 1, config={
            "cleanup.policy": "compact,delete", "retention.ms": str(s.dedupe_retention_ms)})])
        log = len(admin.list_topics(s.reply_log_topic, timeout=10).topics[s.reply_log_topic].partitions)
        if log < partitions:
            raise RuntimeError(f"reply log {s.reply_log_topic} has {log} partitions but {s.commands_topic} has "
                               f"{partitions}; give it as many")

    @staticmethod
    def _usable(message: Message) -> bool:
        if message.error() is None:
            return True
        if message.error().code() != KafkaError._PARTITION_EOF:
            print(f"consumer: {message.error()}", file=sys.stderr, flush=True)
        return False


def _create(admin: AdminClient, topics: list[NewTopic]) -> None:
    for topic, future in admin.create_topics(topics).items():
        try:
            future.result()
        except KafkaException as e:
            if e.args[0].code() != KafkaError.TOPIC_ALREADY_EXISTS:
                raise


def _next_offsets(batch: list[Message]) -> list[TopicPartition]:
    last: dict[tuple[str, int], int] = {}
    for message in batch:
        last[(message.topic(), message.partition())] = message.offset()
    return [TopicPartition(topic, partition, offset + 1) for (topic, partition), offset in last.items()]


def _first_of_each_partition(batch: list[Message]) -> list[Message]:
    first: dict[tuple[str, int], Message] = {}
    for message in batch:
        first.setdefault((message.topic(), message.partition()), message)
    return list(first.values())


def conformance_handlers(participant: Participant) -> None:
    """Registers the handlers every Skald participant implementation provides for the conformance suite."""
    runs: Counter[str] = Counter()

    @participant.handler("Echo")
    def echo(payload: Any, command: Command) -> Any:
        return payload

    @participant.handler("Refuse")
    def refuse(payload: Any, command: Command) -> Any:
        raise BusinessFailure(f"refused: {payload.get('reason', 'no reason')}")

    @participant.handler("Flaky")
    def flaky(payload: Any, command: Command) -> Any:
        raise ConnectionError(f"flaky at attempt {command.attempt}")

    @participant.handler("Count")
    def count(payload: Any, command: Command) -> Any:
        runs[command.command_id] += 1
        return {"runs": runs[command.command_id]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap-servers", required=True)
    parser.add_argument("--participant", required=True, help="consumes <prefix>commands.<participant>")
    parser.add_argument("--topic-prefix", default="skald.")
    parser.add_argument("--group-id", help="default skald-participant-<participant>")
    parser.add_argument("--instance-id", help="unique among live instances, stable across restarts (a pod name): "
                        "the transactional id and static group member are <group-id>-<instance-id>; default: a "
                        "random id per start")
    parser.add_argument("--partitions", type=int, default=6, help="of the command topic, if it is created here")
    parser.add_argument("--max-batch", type=int, default=500, help="the most commands one transaction answers")
    parser.add_argument("--dedupe-retention-ms", type=int, default=7 * 24 * 3600 * 1000)
    parser.add_argument("--stall-after", type=int, default=0,
                        help="crash drill: block mid-transaction after N handler calls (0: never)")
    parser.add_argument("--verbose", action="store_true", help="print the saga ids of every batch answered")
    args = parser.parse_args(argv)
    participant = Participant(Settings(
        bootstrap_servers=args.bootstrap_servers, participant=args.participant, topic_prefix=args.topic_prefix,
        group_id=args.group_id, instance_id=args.instance_id, partitions=args.partitions, max_batch=args.max_batch,
        dedupe_retention_ms=args.dedupe_retention_ms, stall_after=args.stall_after, verbose=args.verbose))
    conformance_handlers(participant)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: participant.stop())
    participant.run(on_ready=lambda: print(f"skald participant {args.participant} running", flush=True))
    print(f"skald participant {args.participant} stopped after {participant.handled} commands", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
