package dev.skald.participant.jq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.thisptr.jackson.jq.exception.JsonQueryException;
import org.junit.jupiter.api.Test;

class CompiledQueriesTest {

    @Test
    void aQueryIsCompiledOnceAndKeptByItsText() throws JsonQueryException {
        CompiledQueries queries = new CompiledQueries(2);

        assertThat(queries.get(".a")).isSameAs(queries.get(".a"));
        assertThat(queries.size()).isEqualTo(1);
    }

    @Test
    void theLeastRecentlyUsedQueryIsDroppedPastTheBound() throws JsonQueryException {
        CompiledQueries queries = new CompiledQueries(2);
        var a = queries.get(".a");
        queries.get(".b");
        queries.get(".a");
        queries.get(".c");

        assertThat(queries.size()).isEqualTo(2);
        assertThat(queries.get(".a")).isSameAs(a);
    }

    @Test
    void textThatIsNotAQueryIsNotKept() {
        CompiledQueries queries = new CompiledQueries(2);

        assertThatThrownBy(() -> queries.get(".[")).isInstanceOf(JsonQueryException.class);
        assertThat(queries.size()).isZero();
    }
}
