package dev.skald.orchestrator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefinitionCatalogTest {
    private static final String DOC = "{\"name\":\"order\",\"version\":1,\"steps\":[]}";

    @Test
    void aStoredValueKeepsWhenItWasAppliedAndTheDocument() {
        String value = DefinitionCatalog.value(1_700_000_000_000L, DOC);

        assertThat(DefinitionCatalog.document(value)).isEqualTo(DOC);
        assertThat(DefinitionCatalog.appliedAt(value)).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void aValueStoredBeforeTheAppliedTimeWasKeptIsTheBareDocument() {
        assertThat(DefinitionCatalog.document(DOC)).isEqualTo(DOC);
        assertThat(DefinitionCatalog.appliedAt(DOC)).isZero();
        assertThat(DefinitionCatalog.document(null)).isNull();
    }
}
