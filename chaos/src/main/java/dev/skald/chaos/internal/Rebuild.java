package dev.skald.chaos.internal;

import dev.skald.cli.SkaldCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code skald rebuild} after the run: a new instance replays every input topic from the beginning and its sagas must
 * equal the live ones (what an operator would do after a disaster).
 *
 * @param identical whether every saga of the replay equals the live one
 * @param output    what the command printed (the mismatches, if any)
 */
public record Rebuild(boolean identical, String output) {

    /** Runs the rebuild against the live API {@code api} and the cluster {@code bootstrap}. */
    public static Rebuild run(String bootstrap, String registry, String api, Path stateDir) {
        StringWriter printed = new StringWriter();
        CommandLine cli = SkaldCli.commandLine(Map.of("SKALD_SCHEMA_REGISTRY_URL", registry));
        cli.setOut(new PrintWriter(printed, true));
        cli.setErr(new PrintWriter(printed, true));
        int exit = cli.execute("rebuild", "--application-id", "skald-chaos-rebuild-" + System.currentTimeMillis(),
                "--bootstrap-servers", bootstrap, "--compare-with", api, "--state-dir", stateDir.toString(),
                "--timeout", "5m", "--limit", "10000");
        return new Rebuild(exit == 0, printed.toString().strip());
    }
}
