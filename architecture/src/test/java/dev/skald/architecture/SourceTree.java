package dev.skald.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java sources of every module of the build, read from the project root: which module owns each package, and
 * what each file imports.
 */
final class SourceTree {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;");
    /** A qualified name of Skald's written in code rather than imported ({@code dev.skald.x.internal.Y.z()}). */
    private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.skald(?:\\.[a-z]\\w*)+\\.[A-Z]\\w*");

    /** A source file: its module, whether it is test code, its path and its imports (and qualified names). */
    record SourceFile(String module, boolean test, Path path, List<String> imports) {
    }

    private final Path root;
    private final Map<String, String> packageOwners = new HashMap<>();
    private final List<SourceFile> files;

    private SourceTree(Path root) {
        this.root = root;
        this.files = read();
    }

    /** The tree of the project this module belongs to (its parent directory holds the root pom). */
    static SourceTree ofProject() {
        Path root = Path.of("").toAbsolutePath().getParent();
        if (!Files.exists(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("saga-core"))) {
            throw new IllegalStateException("not in a module of the Skald build: " + root);
        }
        return new SourceTree(root);
    }

    List<SourceFile> files() {
        return files;
    }

    /** The module whose main sources hold the class or package {@code name}, if any. */
    Optional<String> owner(String name) {
        String candidate = name;
        while (candidate.contains(".")) {
            String owner = packageOwners.get(candidate);
            if (owner != null) {
                return Optional.of(owner);
            }
            candidate = candidate.substring(0, candidate.lastIndexOf('.'));
        }
        return Optional.empty();
    }

    String relative(Path path) {
        return root.relativize(path).toString();
    }

    private List<SourceFile> read() {
        try (Stream<Path> modules = Files.list(root)) {
            List<Path> dirs = modules.filter(d -> Files.exists(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("src")))
                    .toList();
            for (Path module : dirs) {
                mainPackages(module).forEach(pkg -> packageOwners.put(pkg, module.getFileName().toString()));
            }
            return dirs.stream().flatMap(this::sources).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> mainPackages(Path module) throws IOException {
        Path main = module.resolve("src/main/java");
        if (!Files.isDirectory(main)) {
            return Stream.empty();
        }
        try (Stream<Path> all = Files.walk(main)) {
            return all.filter(p -> p.toString().endsWith(".java")).map(p -> main.relativize(p.getParent()).toString()
                    .replace('/', '.')).distinct().toList().stream();
        }
    }

    private Stream<SourceFile> sources(Path module) {
        String name = module.getFileName().toString();
        return Stream.of("main", "test").flatMap(kind -> {
            Path dir = module.resolve("src").resolve(kind).resolve("java");
            if (!Files.isDirectory(dir)) {
                return Stream.empty();
            }
            try (Stream<Path> all = Files.walk(dir)) {
                return all.filter(p -> p.toString().endsWith(".java"))
                        .map(p -> new SourceFile(name, kind.equals("test"), p, imports(p))).toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static List<String> imports(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            Stream<String> imported = lines.stream().map(IMPORT::matcher).filter(Matcher::find).map(m -> m.group(1));
            Stream<String> qualified = lines.stream().filter(l -> !l.startsWith("import ") && !l.startsWith("package "))
                    .flatMap(l -> QUALIFIED.matcher(l).results().map(java.util.regex.MatchResult::group));
            return Stream.concat(imported, qualified).distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
