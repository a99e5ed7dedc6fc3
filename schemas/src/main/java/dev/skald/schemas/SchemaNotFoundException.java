package dev.skald.schemas;

/** The registry knows no such schema: an unknown id, or a schema not registered under the subject. */
public class SchemaNotFoundException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public SchemaNotFoundException(String message) {
        super(message);
    }
}
