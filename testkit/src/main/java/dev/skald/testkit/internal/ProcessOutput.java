package dev.skald.testkit.internal;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * Pumps a child process's output, line by line, into a log file (flushed at every line, so it is complete even
 * when the process is killed) and into a bounded in-memory history that waiters match against.
 */
public final class ProcessOutput {

    /** Lines kept in memory for {@link #lineMatching(Pattern)} and failure messages. */
    public static final int RETAINED_LINES = 10_000;

    private final Deque<String> history = new ArrayDeque<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final Thread pump;
    private boolean ended;
    private String endReason;

    private ProcessOutput(String name, InputStream output, BufferedWriter log, IntSupplier exitCode) {
        this.pump = new Thread(() -> pump(output, log, exitCode), name + "-output");
        this.pump.setDaemon(true);
    }

    /**
     * Starts pumping {@code output} into {@code logFile} (appended to). {@code exitCode} is called once the output
     * ends, to tell waiters why.
     */
    public static ProcessOutput start(String name, InputStream output, Path logFile, IntSupplier exitCode) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessOutput processOutput = new ProcessOutput(name, output, log, exitCode);
            processOutput.pump.start();
            return processOutput;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log file " + logFile, e);
        }
    }

    /**
     * Completes with the first line matching {@code pattern}, among the last {@value #RETAINED_LINES} lines and every
     * later line; completes exceptionally once the output has ended without one.
     */
    public synchronized CompletableFuture<String> lineMatching(Pattern pattern) {
        for (String line : history) {
            if (pattern.matcher(line).find()) {
                return CompletableFuture.completedFuture(line);
            }
        }
        if (ended) {
            return CompletableFuture.failedFuture(new IllegalStateException(endReason));
        }
        Waiter waiter = new Waiter(pattern, new CompletableFuture<>());
        waiters.add(waiter);
        return waiter.future;
    }

    /** The last {@code count} lines, oldest first. */
    public synchronized List<String> tail(int count) {
        List<String> lines = new ArrayList<>(history);
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    /** Waits until the output has ended and the log file is closed, at most {@code millis}. */
    public void awaitEnd(long millis) throws InterruptedException {
        pump.join(millis);
    }

    private void pump(InputStream output, BufferedWriter log, IntSupplier exitCode) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, Charset.defaultCharset()));
             BufferedWriter writer = log) {
            String line;
            while ((line = reader.readLine()) != null) {
                writer.write(line);
                writer.newLine();
                writer.flush();
                accept(line);
            }
        } catch (IOException e) {
            end("the output of the process could not be read: " + e);
            return;
        }
        end("the process exited with code " + exitCode.getAsInt());
    }

    private synchronized void accept(String line) {
        history.addLast(line);
        if (history.size() > RETAINED_LINES) {
            history.removeFirst();
        }
        waiters.removeIf(waiter -> waiter.offer(line));
    }

    private synchronized void end(String reason) {
        ended = true;
        endReason = reason;
        for (Waiter waiter : waiters) {
            waiter.future.completeExceptionally(new IllegalStateException(reason));
        }
        waiters.clear();
    }

    private record Waiter(Pattern pattern, CompletableFuture<String> future) {

        /** Whether this waiter is done after seeing {@code line}. */
        boolean offer(String line) {
            if (future.isDone()) {
                return true;
            }
            if (pattern.matcher(line).find()) {
                future.complete(line);
                return true;
            }
            return false;
        }
    }
}
