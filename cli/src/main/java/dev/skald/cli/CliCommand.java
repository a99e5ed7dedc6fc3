package dev.skald.cli;

import dev.skald.cli.internal.ApiClient;
import dev.skald.cli.internal.CliException;
import dev.skald.cli.internal.Output;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command of {@link SkaldCli}: it runs {@link #execute()} and reports a {@link CliException} as one line on the
 * error stream ({@code skald: <message>}), with its stack trace only under {@code --verbose}.
 */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Does the work; returns the exit code. */
    abstract int execute();

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (CliException e) {
            return report(e.getMessage(), e, e.exitCode());
        } catch (RuntimeException e) {
            return report("unexpected error: " + e, e, CliException.FAILED);
        }
    }

    private int report(String message, Exception e, int exitCode) {
        PrintWriter err = cli().err();
        err.println("skald: " + message);
        if (cli().verbose()) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    SkaldCli cli() {
        return (SkaldCli) spec.root().userObject();
    }

    ApiClient api() {
        return cli().api();
    }

    Output out() {
        return cli().output();
    }
}
