package dev.skald.participant.conformance;

import java.util.List;

/**
 * {@code examples/python/skald_participant.py} passes the participant conformance suite, its commands written in
 * JSON, as a child process under {@code /usr/bin/python3} (logs in {@code target/python-participants/}). It answers a
 * command type it has no handler for with a business failure.
 */
class PythonParticipantConformanceIT extends ParticipantConformance {

    @Override
    protected Encoding encoding() {
        return Encoding.JSON;
    }

    @Override
    protected String registryUrl() {
        return "mock://python-conformance";
    }

    @Override
    protected UnknownCommandType unknownCommandType() {
        return UnknownCommandType.BUSINESS_FAILURE;
    }

    @Override
    protected ConformanceParticipant start(String bootstrapServers, ConformanceParticipant.Setup setup) {
        return PythonParticipant.start(List.of("--bootstrap-servers", bootstrapServers, "--participant", PARTICIPANT,
                "--topic-prefix", setup.topicPrefix(), "--group-id", setup.groupId(),
                "--instance-id", setup.instanceId(), "--partitions", "3",
                "--max-batch", Integer.toString(setup.maxBatch()),
                "--stall-after", Integer.toString(setup.stallAfter())));
    }
}
