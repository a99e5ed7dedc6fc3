package dev.skald.saga.internal;

import dev.skald.saga.definition.StepDefinition;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dependency DAG of a saga's steps, by index in declaration order. */
final class Graph {
    private final List<String> ids;
    private final Map<String, Integer> index;
    private final int[][] dependencies;
    private final BitSet[] ancestors;
    private final BitSet[] descendants;

    private Graph(List<String> ids, Map<String, Integer> index, int[][] dependencies) {
        this.ids = ids;
        this.index = index;
        this.dependencies = dependencies;
        this.ancestors = new BitSet[ids.size()];
        this.descendants = new BitSet[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            descendants[i] = new BitSet();
        }
        for (int i = 0; i < ids.size(); i++) {
            final int step = i;
            ancestors[i] = closure(i);
            ancestors[i].stream().forEach(a -> descendants[a].set(step));
        }
    }

    /**
     * The graph of these steps, ignoring unknown and self dependencies (the validator reports them); empty with the
     * offending cycle when there is one.
     */
    static Graph of(List<StepDefinition> steps) {
        List<String> ids = steps.stream().map(StepDefinition::id).toList();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.putIfAbsent(ids.get(i), i);
        }
        int[][] deps = new int[steps.size()][];
        for (int i = 0; i < steps.size(); i++) {
            final int self = i;
            deps[i] = steps.get(i).dependsOn().stream().distinct()
                    .filter(index::containsKey).mapToInt(index::get).filter(d -> d != self).toArray();
        }
        return new Graph(ids, index, deps);
    }

    /** A cycle among the steps, as a list of ids (first = last), if there is one. */
    static Optional<List<String>> findCycle(List<StepDefinition> steps) {
        Graph g = of(steps);
        int[] color = new int[steps.size()];
        List<Integer> stack = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Optional<List<String>> cycle = visit(g, i, color, stack);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(Graph g, int node, int[] color, List<Integer> stack) {
        if (color[node] == 2) {
            return Optional.empty();
        }
        if (color[node] == 1) {
            List<String> cycle = new ArrayList<>();
            for (int j = stack.indexOf(node); j < stack.size(); j++) {
                cycle.add(g.ids.get(stack.get(j)));
            }
            cycle.add(g.ids.get(node));
            return Optional.of(cycle);
        }
        color[node] = 1;
        stack.add(node);
        for (int d : g.dependencies[node]) {
            Optional<List<String>> cycle = visit(g, d, color, stack);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        stack.remove(stack.size() - 1);
        color[node] = 2;
        return Optional.empty();
    }

    /** All steps reachable by following dependencies from {@code node}; assumes no cycle. */
    private BitSet closure(int node) {
        BitSet seen = new BitSet();
        List<Integer> todo = new ArrayList<>();
        for (int d : dependencies[node]) {
            todo.add(d);
        }
        while (!todo.isEmpty()) {
            int n = todo.remove(todo.size() - 1);
            if (!seen.get(n)) {
                seen.set(n);
                for (int d : dependencies[n]) {
                    todo.add(d);
                }
            }
        }
        return seen;
    }

    int size() {
        return ids.size();
    }

    String id(int i) {
        return ids.get(i);
    }

    Optional<Integer> indexOf(String id) {
        return Optional.ofNullable(index.get(id));
    }

    int[] dependencies(int i) {
        return dependencies[i];
    }

    boolean isAncestor(int ancestor, int of) {
        return ancestors[of].get(ancestor);
    }

    /** Steps that depend on {@code i}, directly or not. */
    BitSet descendants(int i) {
        return (BitSet) descendants[i].clone();
    }
}
