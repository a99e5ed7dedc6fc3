package dev.skald.cli.internal;

import dev.skald.saga.format.Printable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code --input} of {@code skald start}: one JSON object, inline or in a regular file ({@code @FILE}) of at
 * most {@link #MAX_BYTES}. Anything else is refused with a {@link CliException} naming {@code --input} and the rule.
 */
public final class SagaInput {
    /** The largest input file read: Kafka's default record limit is about 1 MB. */
    public static final int MAX_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SagaInput() {
    }

    /** The object {@code text} holds: JSON, or {@code @FILE}. */
    public static ObjectNode read(String text) {
        String json = text.startsWith("@") ? file(text.substring(1)) : text;
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CliException("--input: not JSON: " + Printable.of(e.getOriginalMessage()), CliException.FAILED,
                    e);
        }
        if (node == null || !node.isObject()) {
            throw CliException.failed("--input: must be a JSON object ({...}), or @FILE holding one");
        }
        return (ObjectNode) node;
    }

    private static String file(String name) {
        Path path;
        try {
            path = Path.of(name);
        } catch (InvalidPathException e) {
            throw refused(name, "not a file name", e);
        }
        if (name.isEmpty() || !Files.isRegularFile(path)) {
            throw refused(name, Files.exists(path) && !name.isEmpty() ? "not a regular file" : "no such file", null);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw refused(name, "larger than " + MAX_BYTES / 1024 + " KiB", null);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw refused(name, "no such file", e);
        } catch (IOException e) {
            throw refused(name, e.getMessage(), e);
        }
    }

    private static CliException refused(String name, String why, Exception cause) {
        return new CliException("--input: cannot read " + Printable.quoted(name) + ": " + why, CliException.FAILED,
                cause);
    }
}
