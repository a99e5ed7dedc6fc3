package dev.skald.participant.conformance;

import dev.skald.participant.RegistryServer;
import dev.skald.testkit.JvmProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/**
 * The Java SDK passes the participant conformance suite, its commands written in Avro, in a child JVM the suite
 * kills. It dead-letters a command type it has no handler for ({@code UNKNOWN_COMMAND_TYPE}).
 */
class JavaSdkConformanceIT extends ParticipantConformance {
    private final RegistryServer registry = RegistryServer.start();

    @Override
    protected Encoding encoding() {
        return Encoding.AVRO;
    }

    @Override
    protected String registryUrl() {
        return registry.url();
    }

    @Override
    protected UnknownCommandType unknownCommandType() {
        return UnknownCommandType.DEAD_LETTER;
    }

    @Override
    protected ConformanceParticipant start(String bootstrapServers, ConformanceParticipant.Setup setup) {
        JvmProcess process = JvmProcess.builder(JavaConformanceMain.class).name("java-conformance")
                .args("--participant", PARTICIPANT, "--bootstrap.servers", bootstrapServers,
                        "--schema.registry.url", registry.url(), "--topic.prefix", setup.topicPrefix(),
                        "--group.id", setup.groupId(), "--instance.id", setup.instanceId(),
                        "--max.batch", Integer.toString(setup.maxBatch()), "--partitions", "3",
                        "--poll.timeout", "50ms", "--transaction.timeout", "60s", "--handler.timeout", "50s",
                        "--stall-after", Integer.toString(setup.stallAfter()))
                .readyLine("java participant " + PARTICIPANT + " running").startTimeout(Duration.ofSeconds(90))
                .start();
        return new ConformanceParticipant() {
            @Override
            public void awaitLine(String text, Duration timeout) {
                process.awaitLine(text, timeout);
            }

            @Override
            public void kill() {
                process.kill();
            }

            @Override
            public void close() {
                process.close();
            }
        };
    }

    @AfterAll
    void closeRegistry() {
        registry.close();
    }
}
