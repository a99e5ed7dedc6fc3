package dev.skald.saga.expression;

import java.util.ArrayList;
import java.util.List;

/** Parses the inside of {@code ${...}} into a {@link Reference}. */
final class ReferenceParser {
    private ReferenceParser() {
    }

    static Reference parse(String source) {
        List<Object> segments = segments(source.trim(), source);
        if (segments.isEmpty() || !(segments.get(0) instanceof String first)) {
            throw new ExpressionException("reference '${" + source + "}' must start with a name");
        }
        if (first.equals("workflow")) {
            return workflowRoot(segments, source);
        }
        if (first.equals("input")) {
            return new Reference(Reference.Root.SAGA_INPUT, null, segments.subList(1, segments.size()), source);
        }
        if (first.equals("saga")) {
            return metadata(segments, source, "id", "correlationKey");
        }
        if (isElementRoot(first, segments)) {
            return element(first, segments, source);
        }
        return stepRoot(first, segments, source);
    }

    private static Reference workflowRoot(List<Object> segments, String source) {
        if (segments.size() >= 2 && "input".equals(segments.get(1))) {
            return new Reference(Reference.Root.SAGA_INPUT, null, segments.subList(2, segments.size()), source);
        }
        return metadata(segments, source, "workflowId", "correlationId");
    }

    private static Reference metadata(List<Object> segments, String source, String idName, String keyName) {
        if (segments.size() == 2 && idName.equals(segments.get(1))) {
            return new Reference(Reference.Root.SAGA_ID, null, List.of(), source);
        }
        if (segments.size() == 2 && keyName.equals(segments.get(1))) {
            return new Reference(Reference.Root.CORRELATION_KEY, null, List.of(), source);
        }
        throw new ExpressionException("reference '${" + source + "}' is not one of ${" + segments.get(0) + ".input...}, ${"
                + segments.get(0) + "." + idName + "}, ${" + segments.get(0) + "." + keyName + "}");
    }

    /**
     * {@code ${item...}} and {@code ${index}}, unless they read a step's output or input ({@code ${item.output}}): a
     * step may be called {@code item}.
     */
    private static boolean isElementRoot(String first, List<Object> segments) {
        boolean stepLike = segments.size() >= 2 && ("output".equals(segments.get(1)) || "input".equals(segments.get(1)));
        return (first.equals("item") || first.equals("index")) && !stepLike;
    }

    private static Reference element(String first, List<Object> segments, String source) {
        if (first.equals("index")) {
            if (segments.size() > 1) {
                throw new ExpressionException("reference '${" + source + "}': ${index} is a number and has no fields");
            }
            return new Reference(Reference.Root.INDEX, null, List.of(), source);
        }
        return new Reference(Reference.Root.ITEM, null, segments.subList(1, segments.size()), source);
    }

    private static Reference stepRoot(String stepId, List<Object> segments, String source) {
        if (segments.size() < 2 || !("output".equals(segments.get(1)) || "input".equals(segments.get(1)))) {
            throw new ExpressionException("reference '${" + source + "}' must read a step's output or input: ${"
                    + stepId + ".output...} or ${" + stepId + ".input...}");
        }
        Reference.Root root = "output".equals(segments.get(1)) ? Reference.Root.STEP_OUTPUT : Reference.Root.STEP_INPUT;
        return new Reference(root, stepId, segments.subList(2, segments.size()), source);
    }

    private static List<Object> segments(String path, String source) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw new ExpressionException("reference '${" + source + "}' has an unclosed '[' at " + i);
                }
                out.add(index(path.substring(i + 1, close).trim(), source));
                i = close + 1;
            } else if (c == '.' && !out.isEmpty()) {
                i++;
                int end = nameEnd(path, i);
                out.add(name(path, i, end, source));
                i = end;
            } else {
                int end = nameEnd(path, i);
                out.add(name(path, i, end, source));
                i = end;
            }
        }
        return out;
    }

    private static Object index(String text, String source) {
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'")
                || text.startsWith("\"") && text.endsWith("\""))) {
            return text.substring(1, text.length() - 1);
        }
        try {
            int n = Integer.parseInt(text);
            if (n < 0) {
                throw new ExpressionException("reference '${" + source + "}' has a negative index " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ExpressionException("reference '${" + source + "}' has an index that is not a number: [" + text + "]");
        }
    }

    private static int nameEnd(String path, int from) {
        int i = from;
        while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
            i++;
        }
        return i;
    }

    private static String name(String path, int from, int to, String source) {
        String name = path.substring(from, to);
        if (name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_' || ch == '-')) {
            throw new ExpressionException("reference '${" + source + "}' has an invalid name '" + name + "' at " + from);
        }
        return name;
    }
}
