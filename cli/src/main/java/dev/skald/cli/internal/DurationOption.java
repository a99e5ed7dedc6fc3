package dev.skald.cli.internal;

import dev.skald.saga.definition.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads a duration option by Skald's one syntax, {@link Durations#parse} ({@code 500ms 30s 5m 2h 1d} or ISO-8601). */
public final class DurationOption implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value);
    }
}
