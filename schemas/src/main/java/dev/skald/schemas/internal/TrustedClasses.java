package dev.skald.schemas.internal;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 loads a class by name only if it is trusted ({@code org.apache.avro.SERIALIZABLE_PACKAGES} or the
 * global {@link ClassSecurityValidator}), and refuses the generated classes of a specific reader otherwise. This
 * adds, to whatever predicate is installed, trust in Skald's generated package {@code dev.skald.avro} and in the
 * named types of each schema a serde is built for; nothing else.
 */
public final class TrustedClasses {

    /** Skald's generated classes: {@code dev.skald.avro} and its subpackages. */
    public static final String SKALD_PACKAGE = "dev.skald.avro.";

    private static final Set<String> TRUSTED = ConcurrentHashMap.newKeySet();
    private static final ClassSecurityPredicate SKALD = clazz ->
            clazz.getName().startsWith(SKALD_PACKAGE) || TRUSTED.contains(clazz.getName());
    private static ClassSecurityPredicate installed;

    private TrustedClasses() {
    }

    /** Trusts the classes generated for the records, enums and fixed types of this schema. */
    public static void trust(Schema schema) {
        TRUSTED.addAll(namedTypes(schema));
        install();
    }

    /** Whether Avro will load this class now. */
    public static boolean isTrusted(Class<?> clazz) {
        return ClassSecurityValidator.getGlobal().isTrusted(clazz);
    }

    private static synchronized void install() {
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (current != installed) {
            installed = ClassSecurityValidator.composite(current, SKALD);
            ClassSecurityValidator.setGlobal(installed);
        }
    }

    private static Set<String> namedTypes(Schema root) {
        Set<String> names = new HashSet<>();
        Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Schema> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (!seen.add(schema)) {
                continue;
            }
            switch (schema.getType()) {
                case RECORD:
                    names.add(schema.getFullName());
                    schema.getFields().forEach(f -> pending.push(f.schema()));
                    break;
                case ENUM:
                case FIXED:
                    names.add(schema.getFullName());
                    break;
                case ARRAY:
                    pending.push(schema.getElementType());
                    break;
                case MAP:
                    pending.push(schema.getValueType());
                    break;
                case UNION:
                    schema.getTypes().forEach(pending::push);
                    break;
                default:
                    break;
            }
        }
        return names;
    }
}
