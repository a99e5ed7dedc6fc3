package dev.skald.participant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.orchestrator.SkaldTopics;
import org.junit.jupiter.api.Test;

class ParticipantTopicsTest {

    @Test
    void namesTheSameTopicsAsTheOrchestrator() {
        for (String prefix : new String[] {"skald.", "shop."}) {
            ParticipantTopics participant = new ParticipantTopics(prefix);
            SkaldTopics orchestrator = new SkaldTopics(prefix);

            assertThat(participant.commands("inventory")).isEqualTo(orchestrator.commands("inventory"));
            assertThat(participant.replies()).isEqualTo(orchestrator.replies());
            assertThat(participant.deadLetters()).isEqualTo(orchestrator.deadLetters());
        }
        assertThat(ParticipantTopics.DEFAULT.replyLog("inventory")).isEqualTo("skald.participant-replies.inventory");
    }
}
