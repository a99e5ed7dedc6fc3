package dev.skald.schemas;

import java.util.Map;
import java.util.UUID;

/** A fresh mock:// registry scope per test, so tests never see each other's schemas. */
final class Scopes {

    private Scopes() {
    }

    static String freshUrl() {
        return "mock://test-" + UUID.randomUUID();
    }

    static Map<String, Object> freshConfig() {
        return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, freshUrl());
    }
}
