package dev.skald.orchestrator.internal;

import static dev.skald.orchestrator.internal.StoreFixtures.details;
import static dev.skald.orchestrator.internal.StoreFixtures.event;
import static dev.skald.orchestrator.internal.StoreFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class HistoryLogTest {
    private final KeyValueStore<String, String> store = store("history");

    @Test
    void readsBackEveryAppendedEventInOrder() {
        HistoryLog log = new HistoryLog(store, 200);
        log.append("s-1", List.of(event("s-1", "a"), event("s-1", "b")));
        log.append("s-1", List.of(event("s-1", "c")));
        assertThat(details(HistoryLog.read(store, "s-1"))).containsExactly("a", "b", "c");
    }

    @Test
    void keepsOnlyTheLatestEventsUpToTheLimit() {
        HistoryLog log = new HistoryLog(store, 3);
        for (int i = 0; i < 7; i++) {
            log.append("s-1", List.of(event("s-1", "e" + i)));
        }
        assertThat(details(HistoryLog.read(store, "s-1"))).containsExactly("e4", "e5", "e6");
        assertThat(store.approximateNumEntries()).isEqualTo(4);
    }

    @Test
    void aSagaIdThatPrefixesAnotherKeepsItsOwnHistory() {
        HistoryLog log = new HistoryLog(store, 200);
        log.append("parent", List.of(event("parent", "p")));
        log.append("parent/step/1", List.of(event("parent/step/1", "child")));
        assertThat(details(HistoryLog.read(store, "parent"))).containsExactly("p");
        assertThat(details(HistoryLog.read(store, "parent/step/1"))).containsExactly("child");
    }

    @Test
    void aSagaWithoutHistoryReadsAsNull() {
        assertThat(HistoryLog.read(store, "none")).isNull();
    }

    @Test
    void anArrayOfTheEarlierLayoutIsReadAndThenMovedOnAppend() {
        String earlier = "[" + HistoryLog.toJson(event("s-1", "old")) + "]";
        store.put("s-1", earlier);
        assertThat(HistoryLog.read(store, "s-1")).isEqualTo(earlier);
        new HistoryLog(store, 200).append("s-1", List.of(event("s-1", "new")));
        assertThat(details(HistoryLog.read(store, "s-1"))).containsExactly("old", "new");
    }

    @Test
    void aZeroLimitKeepsNothing() {
        new HistoryLog(store, 0).append("s-1", List.of(event("s-1", "a")));
        assertThat(HistoryLog.read(store, "s-1")).isNull();
    }
}
