package dev.skald.saga.format;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.skald.saga.definition.InvalidDefinitionException;
import dev.skald.saga.definition.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test resources and problem lists. */
final class FormatTesting {
    private FormatTesting() {
    }

    /** A test resource on the class path, such as {@code definitions/order.json}. */
    static Path resource(String name) {
        URL url = Objects.requireNonNull(FormatTesting.class.getClassLoader().getResource(name), name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    /** Every native example document: the valid documents tests read, and the examples of the docs. */
    static Stream<Path> exampleDocuments() {
        try (Stream<Path> files = Files.list(resource("definitions"))) {
            return files.sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a test resource. */
    static String text(String name) {
        return read(resource(name));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of the {@link InvalidDefinitionException} that {@code reading} must throw. */
    static List<Problem> problemsOf(ThrowingCallable reading) {
        InvalidDefinitionException thrown = catchThrowableOfType(InvalidDefinitionException.class, reading);
        if (thrown == null) {
            throw new AssertionError("expected an InvalidDefinitionException, but the definition was accepted");
        }
        return thrown.problems();
    }

    static Problem problem(String place, String message) {
        return new Problem(place, message);
    }
}
