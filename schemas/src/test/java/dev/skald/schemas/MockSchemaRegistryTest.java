package dev.skald.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skald.avro.SagaReply;
import dev.skald.avro.SagaStart;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryTest {

    private static final Schema START = SagaStart.getClassSchema();
    private static final Schema REPLY = SagaReply.getClassSchema();

    @Test
    void sharesOneRegistryPerScopeAcrossTheJvm() {
        String url = Scopes.freshUrl();
        int id = SchemaRegistries.create(url, Map.of()).register("starts-value", START);

        SchemaRegistry elsewhere = SchemaRegistries.create(url, Map.of());

        assertThat(elsewhere.schemaById(id)).isEqualTo(START);
        assertThat(elsewhere.lookup("starts-value", START)).isEqualTo(id);
        assertThat(elsewhere.url()).isEqualTo(url);
    }

    @Test
    void isolatesScopes() {
        SchemaRegistry first = SchemaRegistries.create(Scopes.freshUrl(), Map.of());
        SchemaRegistry second = SchemaRegistries.create(Scopes.freshUrl(), Map.of());

        int startId = first.register("starts-value", START);
        int replyId = second.register("replies-value", REPLY);

        assertThat(first.schemaById(startId)).isEqualTo(START);
        assertThat(second.schemaById(replyId)).isEqualTo(REPLY);
        assertThatThrownBy(() -> second.lookup("starts-value", START)).isInstanceOf(SchemaNotFoundException.class);
        assertThatThrownBy(() -> second.schemaById(startId)).isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void separateScopesAndProcessesGiveTheSameSchemaTheSameId() {
        SchemaRegistry first = SchemaRegistries.create(Scopes.freshUrl(), Map.of());
        SchemaRegistry second = SchemaRegistries.create(Scopes.freshUrl(), Map.of());

        assertThat(first.register("a-value", START)).isEqualTo(second.register("b-value", START));
    }

    @Test
    void givesTheSameIdToTheSameSchemaUnderAnySubjectAndRegistersIdempotently() {
        SchemaRegistry registry = SchemaRegistries.create(Scopes.freshUrl(), Map.of());

        int id = registry.register("a-value", START);

        assertThat(registry.register("a-value", START)).isEqualTo(id);
        assertThat(registry.register("b-value", START)).isEqualTo(id);
        assertThat(registry.register("c-value", REPLY)).isNotEqualTo(id);
    }

    @Test
    void refusesANewVersionThatCannotReadTheLatestOne() {
        SchemaRegistry registry = SchemaRegistries.create(Scopes.freshUrl(), Map.of());
        registry.register("starts-value", SchemaResolutionTest.withoutField(START, "input"));

        assertThatThrownBy(() -> registry.register("starts-value", START))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("'starts-value'").hasMessageContaining("BACKWARD")
                .hasMessageContaining("input");
    }

    @Test
    void acceptsANewVersionWithADefaultedField() {
        SchemaRegistry registry = SchemaRegistries.create(Scopes.freshUrl(), Map.of());
        int older = registry.register("starts-value", SchemaResolutionTest.withoutField(START, "idempotencyKey"));

        int newer = registry.register("starts-value", START);

        assertThat(newer).isNotEqualTo(older);
    }

    @Test
    void reportsUnknownIdsAndSchemas() {
        String url = Scopes.freshUrl();
        SchemaRegistry registry = SchemaRegistries.create(url, Map.of());

        assertThatThrownBy(() -> registry.schemaById(7))
                .isInstanceOf(SchemaNotFoundException.class).hasMessageContaining(url).hasMessageContaining("id 7");
        assertThatThrownBy(() -> registry.lookup("starts-value", START))
                .isInstanceOf(SchemaNotFoundException.class).hasMessageContaining("'starts-value'");
    }

    @Test
    void startsAfreshAfterTheScopeIsDropped() {
        String scope = "dropped-" + System.nanoTime();
        SchemaRegistries.create("mock://" + scope, Map.of()).register("starts-value", START);

        SchemaRegistries.dropMockScope(scope);

        assertThatThrownBy(() -> SchemaRegistries.create("mock://" + scope, Map.of()).schemaById(1))
                .isInstanceOf(SchemaNotFoundException.class);
    }
}
