package dev.skald.orchestrator.internal;

import static dev.skald.orchestrator.internal.StoreFixtures.details;
import static dev.skald.orchestrator.internal.StoreFixtures.event;
import static dev.skald.orchestrator.internal.StoreFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * No user value can make one store key collide with another's, or fall into another saga's range scan: the
 * properties run over strings made of the separators, escape characters, digits and characters beyond the BMP.
 */
class StoreKeysPropertiesTest {

    @Provide
    Arbitrary<String> adversarial() {
        return Arbitraries.strings().withChars('/', '|', '%', '0', '1', '2', 'F', 'C', 'a', ':', '\uffff')
                .withCharRange('\u0000', '\u0003').ofMinLength(1).ofMaxLength(14)
                .injectDuplicates(0.1)
                .edgeCases(c -> c.add("a/0000000001")).map(s -> s.replace("\u0003", "\uD83D\uDE00"));
    }

    @Property(tries = 2000)
    void escapingRoundTripsAndLeavesNoSeparator(@ForAll("adversarial") String value) {
        String escaped = StoreKeys.escape(value);

        assertThat(escaped).doesNotContain("/").doesNotContain("|");
        assertThat(StoreKeys.unescape(escaped)).isEqualTo(value);
    }

    @Property(tries = 500)
    void historiesOfTwoSagasNeverMix(@ForAll("adversarial") String a, @ForAll("adversarial") String b) {
        Assume.that(!a.equals(b));
        KeyValueStore<String, String> store = store("history");
        HistoryLog log = new HistoryLog(store, 5);
        for (int i = 0; i < 3; i++) {
            log.append(a, List.of(event(a, "a" + i)));
            log.append(b, List.of(event(b, "b" + i)));
        }

        assertThat(details(HistoryLog.read(store, a))).containsExactly("a0", "a1", "a2");
        assertThat(details(HistoryLog.read(store, b))).containsExactly("b0", "b1", "b2");
        log.remove(a);
        assertThat(HistoryLog.read(store, a)).isNull();
        assertThat(details(HistoryLog.read(store, b))).containsExactly("b0", "b1", "b2");
    }

    @Property(tries = 500)
    void timersOfTwoSagasNeverCollide(@ForAll("adversarial") String a, @ForAll("adversarial") String keyA,
                                      @ForAll("adversarial") String b, @ForAll("adversarial") String keyB) {
        Assume.that(!(a.equals(b) && keyA.equals(keyB)));
        TimerIndex timers = new TimerIndex(store("timers"));
        Instant due = Instant.parse("2026-12-03T10:00:00Z");
        timers.set(due, a, keyA);
        timers.set(due, b, keyB);

        assertThat(timers.due(due)).extracting(d -> d.sagaId() + " " + d.timerKey())
                .containsExactlyInAnyOrder(a + " " + keyA, b + " " + keyB);
        timers.cancel(due, a, keyA);
        assertThat(timers.due(due)).extracting(TimerIndex.Due::sagaId).containsExactly(b);
    }

    @Property(tries = 500)
    void definitionVersionsOfTwoNamesNeverMix(@ForAll("adversarial") String a, @ForAll("adversarial") String b) {
        Assume.that(!a.equals(b));
        KeyValueStore<String, String> store = store("definitions");
        store.put(DefinitionCatalog.key(a, 1), DefinitionCatalog.value(0, "{}"));
        store.put(DefinitionCatalog.key(b, 7), DefinitionCatalog.value(0, "{}"));

        DefinitionCatalog catalog = new DefinitionCatalog(store);
        assertThat(catalog.latestVersion(a)).contains(1);
        assertThat(catalog.latestVersion(b)).contains(7);
    }

    @Property(tries = 200)
    void farFutureTimersAreKeptAndNeverFireEarly(@ForAll long seconds) {
        TimerIndex timers = new TimerIndex(store("timers"));
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        Instant due = dev.skald.saga.definition.Bounds.plus(now, java.time.Duration.ofSeconds(seconds));
        timers.set(due, "s", "k");

        assertThat(timers.due(now)).hasSize(due.isAfter(now) ? 0 : 1);
    }
}
