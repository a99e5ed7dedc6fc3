package dev.skald.schemas.internal;

import dev.skald.schemas.SchemaNotFoundException;
import dev.skald.schemas.SchemaRegistry;
import dev.skald.schemas.SchemaRegistryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * The in-process registry behind {@code mock://<scope>}: one instance per scope, shared by the whole JVM. Like the
 * Confluent registry, an identical schema gets the same id under every subject, ids start at 1 in each scope, and
 * a new version of a subject must be able to read the subject's latest version (BACKWARD).
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

    private static final ConcurrentMap<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final String scope;
    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Schema>> versionsBySubject = new HashMap<>();

    private InMemorySchemaRegistry(String scope) {
        this.scope = scope;
    }

    /** The registry of this scope, created empty on first use. */
    public static InMemorySchemaRegistry scope(String scope) {
        return SCOPES.computeIfAbsent(scope, InMemorySchemaRegistry::new);
    }

    /** Forgets the scope; registries already handed out keep their content but are no longer shared. */
    public static void drop(String scope) {
        SCOPES.remove(scope);
    }

    private static final java.util.concurrent.ConcurrentMap<Integer, Schema> KNOWN =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Schema> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(schema)) {
            if (!versions.isEmpty()) {
                Schema latest = versions.get(versions.size() - 1);
                List<String> problems = Compatibility.problemsReading(latest, schema);
                if (!problems.isEmpty()) {
                    throw new SchemaRegistryException("Schema registry " + url() + " refused schema "
                            + schema.getFullName() + " under subject '" + subject
                            + "': it cannot read the subject's latest version (BACKWARD): " + problems);
                }
            }
            versions.add(schema);
        }
        return idsBySchema.computeIfAbsent(schema, s -> {
            int id = stableId(s);
            while (schemasById.containsKey(id)) {
                id = id == Integer.MAX_VALUE ? 1 : id + 1;
            }
            schemasById.put(id, s);
            return id;
        });
    }

    /**
     * An id derived from the schema's parsing fingerprint, so that separate processes using {@code mock://} (an
     * orchestrator and its participants in child JVMs, say) give the same schema the same id and can read each
     * other's records. A collision within a scope falls back to the next free id.
     */
    private static int stableId(Schema schema) {
        int id = (int) (org.apache.avro.SchemaNormalization.parsingFingerprint64(schema) & 0x7fffffffL);
        return id == 0 ? 1 : id;
    }

    @Override
    public synchronized int lookup(String subject, Schema schema) {
        List<Schema> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (!versions.contains(schema)) {
            throw new SchemaNotFoundException("Schema registry " + url() + " has no schema "
                    + schema.getFullName() + " under subject '" + subject + "'");
        }
        return idsBySchema.get(schema);
    }

    /**
     * Makes a schema resolvable by its stable id in every scope of this JVM. Every {@code AvroSerde} calls it for its
     * record class, so a record written by another process (which gives the same schema the same id) can be read
     * here even though this process never registered that schema itself.
     */
    public static void know(Schema schema) {
        KNOWN.putIfAbsent(stableId(schema), schema);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.getOrDefault(id, KNOWN.get(id));
        if (schema == null) {
            throw new SchemaNotFoundException("Schema registry " + url() + " has no schema with id " + id);
        }
        return schema;
    }

    @Override
    public String url() {
        return "mock://" + scope;
    }

    @Override
    public String toString() {
        return "InMemorySchemaRegistry[" + url() + "]";
    }
}
