package dev.skald.chaos.internal;

import java.util.concurrent.TimeUnit;

/** The harness's polling pause (it waits on processes and topics, not on test assertions). */
public final class Pause {
    private Pause() {
    }

    /** Waits 100 ms. */
    public static void briefly() {
        millis(100);
    }

    /** Waits this long. */
    public static void millis(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
