package dev.skald.testkit;

import dev.skald.testkit.internal.ChildProcesses;
import dev.skald.testkit.internal.LogFiles;
import dev.skald.testkit.internal.ProcessOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A main class running in a child JVM, with the test JVM's classpath unless told otherwise: what crash tests start
 * and kill.
 *
 * <pre>{@code
 * try (JvmProcess orchestrator = JvmProcess.builder(OrchestratorMain.class)
 *         .systemProperty("bootstrap.servers", kafka.bootstrapServers())
 *         .readyLine("orchestrator running")
 *         .start()) {
 *     orchestrator.awaitLine("processed 100", Duration.ofSeconds(30));
 *     orchestrator.kill();    // SIGKILL: no shutdown hook, no flush
 * }
 * }</pre>
 *
 * <p>Standard output and standard error go, merged, to a log file ({@link #logFile()}, by default under
 * {@code target/skald-testkit/}) flushed line by line, and to an in-memory history of the last
 * {@value ProcessOutput#RETAINED_LINES} lines that {@link #awaitLine} searches. The child JVM inherits the test
 * JVM's environment plus what the builder adds; it does not inherit system properties. Child processes left
 * running are killed when the test JVM exits normally.
 */
public final class JvmProcess implements AutoCloseable {

    private static final int TAIL_LINES = 40;
    /** Above this length the classpath goes into an argument file: the kernel limits one argument to 128 KiB. */
    private static final int MAX_INLINE_CLASSPATH = 32_000;

    private final String name;
    private final Process process;
    private final ProcessOutput output;
    private final Path logFile;
    private final Duration stopTimeout;

    private JvmProcess(String name, Process process, Path logFile, Duration stopTimeout) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.stopTimeout = stopTimeout;
        this.output = ProcessOutput.start(name, process.getInputStream(), logFile, this::exitCodeOnceEnded);
    }

    /** A builder for a child JVM running {@code mainClass}. */
    public static Builder builder(Class<?> mainClass) {
        Objects.requireNonNull(mainClass, "mainClass can't be null");
        return new Builder(mainClass.getName()).name(mainClass.getSimpleName());
    }

    /** A builder for a child JVM running the class named {@code mainClass}. */
    public static Builder builder(String mainClass) {
        Objects.requireNonNull(mainClass, "mainClass can't be null");
        return new Builder(mainClass);
    }

    /** The name given to the builder, used in thread names, log file names and messages. */
    public String name() {
        return name;
    }

    /** The operating-system process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The file holding everything the process printed, complete up to the last line printed. */
    public Path logFile() {
        return logFile;
    }

    /**
     * Waits for a line of output containing {@code text} (already printed or to come) and returns it.
     *
     * @throws ChildProcessException if the process exits first, or no such line comes within {@code timeout}
     */
    public String awaitLine(String text, Duration timeout) {
        Objects.requireNonNull(text, "text can't be null");
        return awaitLine(Pattern.compile(Pattern.quote(text)), timeout);
    }

    /**
     * Waits for a line of output in which {@code pattern} is found (already printed or to come) and returns it.
     *
     * @throws ChildProcessException if the process exits first, or no such line comes within {@code timeout}
     */
    public String awaitLine(Pattern pattern, Duration timeout) {
        Objects.requireNonNull(pattern, "pattern can't be null");
        Objects.requireNonNull(timeout, "timeout can't be null");
        try {
            return output.lineMatching(pattern).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure("did not print a line matching '" + pattern + "': " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw failure("did not print a line matching '" + pattern + "' within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for a line matching '" + pattern + "'", e);
        }
    }

    /** The last {@code count} lines of output, oldest first. */
    public List<String> lastLines(int count) {
        return output.tail(count);
    }

    /**
     * Waits for the process to exit and returns its exit code (137 after {@link #kill()}).
     *
     * @throws ChildProcessException if it is still running after {@code timeout}
     */
    public int awaitExit(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout can't be null");
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw failure("still running after " + timeout.toMillis() + " ms", null);
            }
            output.awaitEnd(timeout.toMillis());
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for the process to exit", e);
        }
    }

    /**
     * Kills the process with SIGKILL, as a crash would: no shutdown hook runs, nothing is flushed. Returns once it
     * is dead. Does nothing if it already exited.
     */
    public void kill() {
        ProcessHandle handle = process.toHandle();
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        ChildProcesses.unregister(process);
    }

    /**
     * Stops the process with SIGTERM (its shutdown hooks run), and kills it if it is still running after the
     * builder's stop timeout. Does nothing if it already exited.
     */
    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        if (handle.isAlive()) {
            handle.destroy();
            try {
                if (!process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                handle.destroyForcibly();
                Thread.currentThread().interrupt();
                throw failure("was killed: interrupted while waiting for it to stop", e);
            }
        }
        awaitExit(Duration.ofSeconds(30));
        ChildProcesses.unregister(process);
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", log " + logFile + ")";
    }

    private int exitCodeOnceEnded() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private ChildProcessException failure(String what, Throwable cause) {
        StringBuilder message = new StringBuilder()
                .append(name).append(" (pid ").append(pid()).append(") ").append(what)
                .append("; last lines of its output:");
        for (String line : output.tail(TAIL_LINES)) {
            message.append(System.lineSeparator()).append("  | ").append(line);
        }
        message.append(System.lineSeparator()).append("full log: ").append(logFile.toAbsolutePath());
        return new ChildProcessException(message.toString(), cause);
    }

    /** Configures and starts a {@link JvmProcess}. */
    public static final class Builder {
        private final String mainClass;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String name;
        private String classpath = System.getProperty("java.class.path");
        private Pattern readyLine;
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(10);
        private Path logFile;

        private Builder(String mainClass) {
            this.mainClass = mainClass;
            this.name = mainClass.substring(mainClass.lastIndexOf('.') + 1);
        }

        /** Names the process in logs, messages and the default log file name. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name can't be null");
            return this;
        }

        /** Appends program arguments, passed to {@code main}. */
        public Builder args(String... args) {
            this.args.addAll(List.of(args));
            return this;
        }

        /** Appends JVM options, such as {@code -Xmx512m}. */
        public Builder jvmArgs(String... jvmArgs) {
            this.jvmArgs.addAll(List.of(jvmArgs));
            return this;
        }

        /** Sets a system property of the child JVM ({@code -Dkey=value}). */
        public Builder systemProperty(String key, String value) {
            systemProperties.put(Objects.requireNonNull(key, "key can't be null"),
                    Objects.requireNonNull(value, "value can't be null"));
            return this;
        }

        /** Sets system properties of the child JVM. */
        public Builder systemProperties(Map<String, String> properties) {
            properties.forEach(this::systemProperty);
            return this;
        }

        /** Sets an environment variable of the child process, on top of the test JVM's environment. */
        public Builder env(String key, String value) {
            environment.put(Objects.requireNonNull(key, "key can't be null"),
                    Objects.requireNonNull(value, "value can't be null"));
            return this;
        }

        /** Replaces the classpath (by default the test JVM's {@code java.class.path}). */
        public Builder classpath(String classpath) {
            this.classpath = Objects.requireNonNull(classpath, "classpath can't be null");
            return this;
        }

        /** {@link #start()} returns once a line containing {@code text} is printed. */
        public Builder readyLine(String text) {
            return readyLine(Pattern.compile(Pattern.quote(Objects.requireNonNull(text, "text can't be null"))));
        }

        /** {@link #start()} returns once a line in which {@code pattern} is found is printed. */
        public Builder readyLine(Pattern pattern) {
            this.readyLine = Objects.requireNonNull(pattern, "pattern can't be null");
            return this;
        }

        /** How long {@link #start()} waits for the ready line (default 60 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout can't be null");
            return this;
        }

        /** How long {@link JvmProcess#close()} waits after SIGTERM before it kills (default 10 s). */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = Objects.requireNonNull(timeout, "timeout can't be null");
            return this;
        }

        /** Where the output goes (appended to); by default a new file under {@code target/skald-testkit/}. */
        public Builder logFile(Path logFile) {
            this.logFile = Objects.requireNonNull(logFile, "logFile can't be null");
            return this;
        }

        /**
         * Starts the process and, if a ready line was given, waits for it.
         *
         * @throws ChildProcessException if the process exits or the ready line does not come in time; the process
         *                               is then killed
         */
        public JvmProcess start() {
            Path log = logFile != null ? logFile : LogFiles.newLogFile(name);
            ProcessBuilder builder = new ProcessBuilder(command(log)).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name + ": " + builder.command(), e);
            }
            ChildProcesses.register(process);
            JvmProcess jvm = new JvmProcess(name, process, log, stopTimeout);
            if (readyLine != null) {
                try {
                    jvm.awaitLine(readyLine, startTimeout);
                } catch (ChildProcessException e) {
                    jvm.kill();
                    throw e;
                }
            }
            return jvm;
        }

        private List<String> command(Path log) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmArgs);
            systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            if (classpath.length() > MAX_INLINE_CLASSPATH) {
                command.add("@" + classpathArgumentFile(log));
            } else {
                command.add("-cp");
                command.add(classpath);
            }
            command.add(mainClass);
            command.addAll(args);
            return command;
        }

        private Path classpathArgumentFile(Path log) {
            Path file = log.resolveSibling(log.getFileName() + ".classpath");
            String quoted = classpath.replace("\\", "\\\\").replace("\"", "\\\"");
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, "-cp \"" + quoted + "\"" + System.lineSeparator(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the classpath argument file " + file, e);
            }
            return file.toAbsolutePath();
        }
    }
}
