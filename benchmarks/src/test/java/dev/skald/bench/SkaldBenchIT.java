package dev.skald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The benchmark command, end to end at a tiny size (Conductor workers included), on a broker in a child JVM. */
@Tag("slow")
class SkaldBenchIT {

    @Test
    void writesEveryFigureOfATinyRun(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("skald-bench.json");
        int exit = new CommandLine(new SkaldBench()).execute("--quick", "--runs", "1", "--warm-up", "1",
                "--measure", "2", "--loads", "0.5", "--in-flight", "300", "--baseline-records", "5000",
                "--concurrency", "200", "--conductor", "--conductor-threads", "8", "--json", json.toString());
        assertThat(exit).isZero();

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.at("/settings/commitIntervalMs").asLong()).isPositive();
        assertThat(report.at("/settings/partitions").asInt()).isPositive();
        assertPositive(report, "/baseline/recordsPerSecond", "/throughput/sagasPerSecond",
                "/throughput/hopsPerSecond", "/throughput/ratioToBaseline", "/throughput/endToEnd/p99");
        assertThat(report.at("/throughput/hopsPerSaga").asInt()).isEqualTo(9);
        JsonNode load = report.at("/loads/0");
        assertPositive(load, "/offeredPerSecond", "/achievedPerSecond", "/endToEnd/p50", "/endToEnd/p99");
        assertThat(load.at("/steps")).hasSize(5);
        assertPositive(report, "/conductor/sagasPerSecond", "/conductor/sdkSagasPerSecond", "/conductor/ratioToSdk",
                "/conductor/endToEnd/p99", "/conductor/half/achievedPerSecond");
        assertThat(report.at("/conductor/threadsPerType").asInt()).isEqualTo(8);
        JsonNode scale = report.at("/scale/0");
        assertThat(scale.at("/sagas").asInt()).isEqualTo(300);
        assertPositive(scale, "/startsPerSecond", "/stateDirMb", "/changelogMb", "/interactiveQuery/p50",
                "/rest/p99", "/restoreRunningSeconds", "/restoreQueryableSeconds");
    }

    private static void assertPositive(JsonNode node, String... pointers) {
        for (String pointer : List.of(pointers)) {
            assertThat(node.at(pointer).asDouble()).as(pointer).isPositive();
        }
    }
}
