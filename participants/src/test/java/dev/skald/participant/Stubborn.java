package dev.skald.participant;

import java.util.concurrent.CountDownLatch;

/** A handler's body that ignores interrupts: it waits for a latch whatever happens, and tells when interrupted. */
public final class Stubborn {
    private Stubborn() {
    }

    /** Waits until {@code release} opens; each interrupt on the way counts {@code interrupted} down. */
    public static void await(CountDownLatch release, CountDownLatch interrupted) {
        while (release.getCount() > 0) {
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        }
    }
}
