package dev.skald.schemas;

import dev.skald.saga.machine.CommandKind;
import java.util.Objects;
import java.util.Optional;

/**
 * The one mapping between the command kinds of the wire ({@link dev.skald.avro.CommandKind}, which has an
 * {@code UNKNOWN} symbol for kinds a reader does not know) and saga-core's {@link CommandKind}, which every module uses
 * in its own code. The command id built from a kind is {@link dev.skald.saga.machine.Command#id}.
 */
public final class CommandKinds {
    private CommandKinds() {
    }

    /** The wire symbol of a kind. */
    public static dev.skald.avro.CommandKind toWire(CommandKind kind) {
        Objects.requireNonNull(kind, "kind can't be null");
        return switch (kind) {
            case ACTION -> dev.skald.avro.CommandKind.ACTION;
            case COMPENSATION -> dev.skald.avro.CommandKind.COMPENSATION;
            case CANCEL -> dev.skald.avro.CommandKind.CANCEL;
        };
    }

    /** The kind a wire symbol names; empty for {@code UNKNOWN} (a kind this reader does not know) and null. */
    public static Optional<CommandKind> fromWire(dev.skald.avro.CommandKind kind) {
        if (kind == null) {
            return Optional.empty();
        }
        return switch (kind) {
            case ACTION -> Optional.of(CommandKind.ACTION);
            case COMPENSATION -> Optional.of(CommandKind.COMPENSATION);
            case CANCEL -> Optional.of(CommandKind.CANCEL);
            default -> Optional.empty();
        };
    }
}
