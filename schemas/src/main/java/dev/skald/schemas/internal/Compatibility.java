package dev.skald.schemas.internal;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Avro schema resolution checks, worded for error messages. */
public final class Compatibility {

    private Compatibility() {
    }

    /**
     * Why data written with {@code writer} cannot be read with {@code reader}; empty if it can (the reader is
     * BACKWARD compatible with the writer).
     */
    public static List<String> problemsReading(Schema writer, Schema reader) {
        SchemaPairCompatibility pair = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        return pair.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .toList();
    }
}
