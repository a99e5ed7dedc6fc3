package dev.skald.orchestrator;

/** Thrown when a definition version is applied again with other content: versions never change once applied. */
public final class VersionConflictException extends RuntimeException {
    public VersionConflictException(String name, int version) {
        super("definition '" + name + "' version " + version + " was already applied with other content; versions "
                + "never change once applied: apply it as version " + (version + 1));
    }
}
