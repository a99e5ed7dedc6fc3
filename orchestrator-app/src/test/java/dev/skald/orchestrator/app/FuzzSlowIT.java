package dev.skald.orchestrator.app;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/**
 * The slow tier of the fuzz suite ({@code -Dskald.tests.exclude=slow} leaves it out): what {@link FuzzIT} does, with
 * 80 batches of a new seed each run instead of 12 of a fixed one.
 */
@net.jqwik.api.Tag("kafka")
@net.jqwik.api.Tag("slow")
class FuzzSlowIT extends FuzzSuite {

    @Property(tries = 80, shrinking = ShrinkingMode.OFF)
    void noBatchOfHostileInputsStopsAPartitionOrLosesARecord(@ForAll("batches") List<FuzzActions.Action> batch)
            throws Exception {
        run(batch);
    }
}
