package dev.skald.participant.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.JqStep;
import java.util.List;
import java.util.Map;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.PathOutput;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.path.Path;

/**
 * The scope queries run in: jq's builtin functions, each of which stops its query once the thread is interrupted, at
 * its call and at every value it yields. The loops of a query are in its generators ({@code range},
 * {@code recurse}, {@code repeat}, {@code limit} ...), which are builtins, so a query abandoned at its deadline ends
 * and frees its thread instead of spinning on. jackson-jq loads neither {@code env} nor {@code $ENV} nor a module
 * loader, so a query sees its input and nothing of the process.
 */
final class Builtins {
    private Builtins() {
    }

    /** A new root scope; share it, and run each query in a child of it. */
    static Scope rootScope() {
        Scope root = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(JqStep.JQ_VERSION, root);
        for (Map.Entry<String, Function> builtin : root.getLocalFunctions().entrySet()) {
            root.addFunction(builtin.getKey(), new Interruptible(builtin.getValue()));
        }
        return root;
    }

    /** A builtin that checks for interruption when called and at each value it yields. */
    private record Interruptible(Function builtin) implements Function {
        @Override
        public void apply(Scope scope, List<Expression> args, JsonNode in, Path path, PathOutput output,
                          Version version) throws JsonQueryException {
            QueryInterruptedException.check();
            builtin.apply(scope, args, in, path, (value, valuePath) -> {
                QueryInterruptedException.check();
                output.emit(value, valuePath);
            }, version);
        }
    }
}
