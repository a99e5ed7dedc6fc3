package dev.skald.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.chaos.internal.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The CI chaos run ({@code ./skald chaos --quick}): 1,000 order sagas on three brokers, two orchestrators and two
 * service instances in child JVMs while a seeded schedule kills, freezes and restarts them; nothing may be lost or done
 * twice and the services' effects must balance with the sagas' outcomes.
 */
@Tag("slow")
class ChaosIT {

    @Test
    void aQuickRunUnderFaultsLosesNothingAndDoesNothingTwice() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "chaos-it-");
        ChaosReport report = new ChaosRun(ChaosSettings.quick(workDir)).run();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        report.write(workDir.resolve("skald-chaos.json"));
        String table = printed.toString(StandardCharsets.UTF_8);
        System.out.println(table);

        assertThat(report.faults()).as(table).hasSizeGreaterThanOrEqualTo(3);
        assertThat(report.faults().stream().map(Fault::kind).distinct()).as(table).hasSizeGreaterThanOrEqualTo(2);
        assertThat(report.verdict().ended()).as(table).isEqualTo(1_000);
        assertThat(report.passed()).as(table).isTrue();
        assertThat(Files.readString(workDir.resolve("skald-chaos.json"))).contains("\"passed\" : true");
    }
}
