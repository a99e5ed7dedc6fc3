package dev.skald.orchestrator.app;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * What both tiers of the fuzz suite share: one application on a real broker per class ({@link Fuzzer}) and the
 * generator of hostile batches. A tier is a subclass with one property that hands each batch to {@link #run}.
 */
abstract class FuzzSuite {
    private static Fuzzer fuzzer;

    @BeforeContainer
    static void start() {
        fuzzer = new Fuzzer();
    }

    @AfterContainer
    static void stop() {
        if (fuzzer != null) {
            fuzzer.close();
        }
    }

    @Provide
    Arbitrary<List<FuzzActions.Action>> batches() {
        return FuzzActions.batch(fuzzer.config().topics());
    }

    /** Sends the batch and checks that nothing stopped and nothing was lost. */
    static void run(List<FuzzActions.Action> batch) throws Exception {
        fuzzer.run(batch);
    }
}
