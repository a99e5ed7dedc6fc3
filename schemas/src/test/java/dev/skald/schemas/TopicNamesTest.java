package dev.skald.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void theDefaultNamesAreTheContractOfTheWire() {
        TopicNames names = new TopicNames(TopicNames.DEFAULT_PREFIX);

        assertThat(new String[] {names.starts(), names.replies(), names.control(), names.timers(),
            names.externalEvents(), names.history(), names.results(), names.definitions(), names.deadLetters(),
            names.commands("inventory"), names.replyLog("inventory")})
                .containsExactly("skald.saga-starts", "skald.saga-replies", "skald.saga-control", "skald.saga-timers",
                        "skald.saga-external-events", "skald.saga-events", "skald.saga-results", "skald.definitions",
                        "skald.dead-letters", "skald.commands.inventory", "skald.participant-replies.inventory");
    }

    @Test
    void everyNameCarriesThePrefix() {
        assertThat(new TopicNames("acme.").commands("p")).isEqualTo("acme.commands.p")
                .startsWith(new TopicNames("acme.").commandsPrefix());
    }
}
