package dev.skald.testkit;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class KafkaExtensionLifecycleTest {

    /** Brokers seen by {@link SampleTests}, run by this test only (surefire skips nested classes). */
    private static final List<EmbeddedKafka> SEEN = new ArrayList<>();

    @Test
    void startsOneBrokerPerClassAndClosesItAfterTheLastTest() {
        SEEN.clear();

        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(SampleTests.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2));

        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
        assertThat(SEEN.get(0).dataDirectory()).doesNotExist();
    }

    @WithKafka
    static class SampleTests {

        @Test
        void first(EmbeddedKafka kafka) {
            SEEN.add(kafka);
            assertThat(kafka.dataDirectory()).isDirectory();
        }

        @Test
        void second(EmbeddedKafka kafka) {
            SEEN.add(kafka);
            assertThat(kafka.dataDirectory()).isDirectory();
        }
    }
}
