package dev.skald.orchestrator.app;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/**
 * The fast tier of the fuzz suite, in every {@code mvn verify}: jqwik-generated hostile definitions, starts, control
 * requests, queries and records on every input topic, in batches against one application on a real broker. After
 * each batch a probe saga on every partition completes, no answer was a 5xx, and every record is a dead letter or an
 * input of a saga that exists. {@link FuzzSlowIT} runs many more batches.
 */
@net.jqwik.api.Tag("kafka")
class FuzzIT extends FuzzSuite {

    @Property(tries = 12, shrinking = ShrinkingMode.OFF, seed = "20261203")
    void noBatchOfHostileInputsStopsAPartitionOrLosesARecord(@ForAll("batches") List<FuzzActions.Action> batch)
            throws Exception {
        run(batch);
    }
}
