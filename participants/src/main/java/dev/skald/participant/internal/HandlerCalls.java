package dev.skald.participant.internal;

import dev.skald.participant.Reply;
import dev.skald.saga.definition.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs a worker's handler calls on a thread of their own, so that the worker stops waiting for one at its deadline.
 * A call that overruns is interrupted and abandoned with its thread: its caller gets a
 * {@link DeadlineExceededException} at once, the next call gets a new thread, and whatever the call returns later is
 * dropped (it only ever returns a {@link Reply} value; Kafka is written by the worker alone, so a late call cannot
 * answer its command a second time). A handler that ignores the interrupt keeps its thread until it ends;
 * {@link #overrunning()} counts them. Used by one worker thread at a time.
 */
final class HandlerCalls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerCalls.class);

    private final Duration timeout;
    private final ThreadFactory threads;
    private final AtomicInteger overrunning = new AtomicInteger();
    private volatile ExecutorService thread;

    /**
     * @param threadName the prefix of its threads' names; a number follows
     * @param timeout    the deadline of one call
     */
    HandlerCalls(String threadName, Duration timeout) {
        this.timeout = timeout;
        this.threads = daemonThreads(threadName + "-");
        this.thread = Executors.newSingleThreadExecutor(threads);
    }

    /** The deadline of one call. */
    Duration timeout() {
        return timeout;
    }

    /**
     * Runs {@code call} with the caller's logging context and waits for it up to the deadline.
     *
     * @param what the call, for the log of a late end: {@code the handler of ReserveStock}
     * @return what the call returned
     * @throws DeadlineExceededException if it ran past the deadline (it was interrupted and abandoned)
     * @throws Exception                 what the call threw (an {@link Error} as is)
     */
    Reply call(String what, Callable<Reply> call) throws Exception {
        Call task = new Call(what, call, MDC.getCopyOfContextMap());
        Future<Reply> future = thread.submit(task);
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e);
        } catch (TimeoutException e) {
            if (!task.abandon()) {
                return getEnded(future);
            }
            future.cancel(true);
            abandonThread();
            throw new DeadlineExceededException(what + " exceeded its deadline of " + Durations.format(timeout)
                    + " (handler.timeout) and was interrupted");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /** Calls abandoned at their deadline whose thread still runs (their handler ignored the interrupt). */
    int overrunning() {
        return overrunning.get();
    }

    /** Interrupts the call still running; its thread ends when its handler does. */
    @Override
    public void close() {
        thread.shutdownNow();
    }

    /** Leaves the thread to the overrunning call (it ends with it) and takes a new one for the next calls. */
    private void abandonThread() {
        thread.shutdown();
        thread = Executors.newSingleThreadExecutor(threads);
    }

    private static Reply getEnded(Future<Reply> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static Exception unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof Exception exception ? exception : e;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A handler call that is running, ended, or abandoned by its caller: exactly one of the latter two wins. */
    private final class Call implements Callable<Reply> {
        private static final int RUNNING = 0;
        private static final int ENDED = 1;
        private static final int ABANDONED = 2;

        private final String what;
        private final Callable<Reply> call;
        private final Map<String, String> context;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private final long started = System.nanoTime();

        Call(String what, Callable<Reply> call, Map<String, String> context) {
            this.what = what;
            this.call = call;
            this.context = context;
        }

        @Override
        public Reply call() throws Exception {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                return call.call();
            } finally {
                if (!state.compareAndSet(RUNNING, ENDED)) {
                    overrunning.decrementAndGet();
                    LOG.warn("{} ended {} ms after it started, past its deadline of {}; its result was dropped"
                            + " (its command was answered RETRIABLE_FAILURE)", what,
                            (System.nanoTime() - started) / 1_000_000, Durations.format(timeout));
                }
                MDC.clear();
            }
        }

        /** Gives the call up; false if it has just ended, so its result stands. */
        boolean abandon() {
            overrunning.incrementAndGet();
            if (state.compareAndSet(RUNNING, ABANDONED)) {
                return true;
            }
            overrunning.decrementAndGet();
            return false;
        }
    }
}
