package dev.skald.cli.internal;

import dev.skald.saga.format.Printable;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Reports an argument whose value breaks its rule (a converter refused it: {@link Arguments}, {@link Durations}, a
 * number that is not one) as one line, {@code skald: <option>: <rule>}, with exit code 1 like any refused request.
 * Other usage errors (an unknown option, a missing argument) go to picocli's own handler: its message and the
 * usage, exit code 2.
 */
public final class InvalidArguments implements IParameterExceptionHandler {
    private final IParameterExceptionHandler usage;

    /** @param usage the handler of every other usage error */
    public InvalidArguments(IParameterExceptionHandler usage) {
        this.usage = usage;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) throws Exception {
        if (e.getArgSpec() == null || e.getCause() == null) {
            return usage.handleParseException(e, args);
        }
        CommandLine cli = e.getCommandLine();
        cli.getErr().println("skald: " + name(e.getArgSpec()) + ": " + rule(e.getCause()));
        cli.getErr().flush();
        return CliException.FAILED;
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    private static String rule(Throwable refusal) {
        return refusal.getMessage() == null ? refusal.toString() : Printable.of(refusal.getMessage());
    }
}
