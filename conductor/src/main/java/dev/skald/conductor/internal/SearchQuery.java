package dev.skald.conductor.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code query} of Conductor's workflow search, in the forms people type: conditions joined by {@code AND}, each
 * {@code field op value} or {@code field IN (v1, v2)}, values bare or quoted ({@code 'x'} or {@code "x"}).
 *
 * <pre>{@code
 * workflowType = 'order' AND status IN (RUNNING, PAUSED) AND startTime > 1700000000000
 * }</pre>
 *
 * <p>Fields: {@code workflowType}, {@code workflowId}, {@code correlationId}, {@code status}, {@code version},
 * {@code startTime}, {@code updateTime}, {@code endTime} (times in epoch milliseconds). Operators: {@code =},
 * {@code !=}, {@code >}, {@code >=}, {@code <}, {@code <=}, {@code IN}. {@link #parse} throws
 * {@link InvalidQueryException} saying where the text stops making sense.
 */
record SearchQuery(List<Condition> conditions) {
    /** A field a condition can test, with how to read it from a saga. */
    enum Field {
        WORKFLOW_TYPE("workflowType", SagaRecord::definition, false),
        WORKFLOW_ID("workflowId", SagaRecord::sagaId, false),
        CORRELATION_ID("correlationId", SagaRecord::correlationKey, false),
        STATUS("status", saga -> saga.workflowStatus().name(), false),
        VERSION("version", saga -> (long) saga.version(), true),
        START_TIME("startTime", saga -> millis(saga.createdAt()), true),
        UPDATE_TIME("updateTime", saga -> millis(saga.updatedAt()), true),
        END_TIME("endTime", saga -> millis(saga.endedAt()), true);

        private final String text;
        private final Function<SagaRecord, Object> value;
        private final boolean numeric;

        Field(String text, Function<SagaRecord, Object> value, boolean numeric) {
            this.text = text;
            this.value = value;
            this.numeric = numeric;
        }

        /** The value of this field in a saga, comparable to the same field's in another; null when it has none. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparable comparable(SagaRecord saga) {
            return (Comparable) value.apply(saga);
        }

        static Optional<Field> named(String name) {
            return Arrays.stream(values()).filter(f -> f.text.equalsIgnoreCase(name)).findFirst();
        }

        static List<String> names() {
            return Arrays.stream(values()).map(f -> f.text).toList();
        }
    }

    /** A comparison. */
    enum Operator {
        GE(">="), LE("<="), NE("!="), EQ("="), GT(">"), LT("<"), IN("IN");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }
    }

    /** One condition: {@code field op values} (one value unless the operator is IN). */
    record Condition(Field field, Operator operator, List<String> values) {
        boolean matches(SagaRecord saga) {
            Object actual = field.value.apply(saga);
            if (actual == null) {
                return operator == Operator.NE;
            }
            if (field.numeric) {
                long a = (Long) actual;
                return values.stream().anyMatch(v -> compare(Long.compare(a, Long.parseLong(v))));
            }
            boolean equal = values.stream().anyMatch(v -> v.equals(actual));
            return operator == Operator.NE ? !equal : equal;
        }

        private boolean compare(int c) {
            return switch (operator) {
                case EQ, IN -> c == 0;
                case NE -> c != 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                case LT -> c < 0;
                case LE -> c <= 0;
            };
        }
    }

    /** A query that cannot be read; {@link #position()} is the 1-based character where it goes wrong. */
    static final class InvalidQueryException extends IllegalArgumentException {
        private final int position;

        InvalidQueryException(int position, String message) {
            super("at character " + position + ": " + message);
            this.position = position;
        }

        int position() {
            return position;
        }
    }

    SearchQuery {
        conditions = List.copyOf(conditions);
    }

    /** The query in {@code text}; an empty or blank text (or {@code *}) matches everything. */
    static SearchQuery parse(String text) {
        if (text == null || text.isBlank() || text.trim().equals("*")) {
            return new SearchQuery(List.of());
        }
        return new Parser(text).query();
    }

    /** Whether the saga passes every condition. */
    boolean matches(SagaRecord saga) {
        return conditions.stream().allMatch(c -> c.matches(saga));
    }

    /** The one workflow type the query asks for with {@code =}, if it does (to narrow the scan). */
    Optional<String> workflowType() {
        return conditions.stream().filter(c -> c.field() == Field.WORKFLOW_TYPE && c.operator() == Operator.EQ)
                .map(c -> c.values().get(0)).findFirst();
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    /** A recursive-descent reader of the query text. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        SearchQuery query() {
            List<Condition> conditions = new ArrayList<>();
            conditions.add(condition());
            while (!atEnd()) {
                String word = word("AND");
                if (!word.equalsIgnoreCase("AND")) {
                    throw new InvalidQueryException(at - word.length() + 1, "expected AND between conditions, found '"
                            + word + "'" + (word.equalsIgnoreCase("OR") ? " (OR is not supported; run one search "
                            + "per alternative, or use IN for values of one field)" : ""));
                }
                conditions.add(condition());
            }
            return new SearchQuery(conditions);
        }

        private Condition condition() {
            int start = skipSpaces();
            String name = word("a field");
            Field field = Field.named(name).orElseThrow(() -> new InvalidQueryException(start + 1, "unknown field '"
                    + name + "'; use one of " + Field.names()));
            int opAt = skipSpaces();
            Operator operator = operator();
            if (!field.numeric && operator != Operator.EQ && operator != Operator.NE && operator != Operator.IN) {
                throw new InvalidQueryException(opAt + 1, field.text + " can only be compared with =, != or IN");
            }
            List<String> values = operator == Operator.IN ? list(field) : List.of(value(field));
            return new Condition(field, operator, values);
        }

        private void check(Field field, String value, int at) {
            if (field.numeric && !value.matches("-?\\d{1,18}")) {
                throw new InvalidQueryException(at, field.text + " takes a whole number"
                        + (field == Field.VERSION ? "" : " (epoch milliseconds)") + ", not '" + value + "'");
            }
            if (field == Field.STATUS && Arrays.stream(StatusMapping.WorkflowStatus.values())
                    .noneMatch(s -> s.name().equals(value))) {
                throw new InvalidQueryException(at, "'" + value + "' is not a workflow status; use one of "
                        + Arrays.toString(StatusMapping.WorkflowStatus.values()));
            }
        }

        private Operator operator() {
            skipSpaces();
            for (Operator op : Operator.values()) {
                if (text.regionMatches(op == Operator.IN, at, op.symbol, 0, op.symbol.length())
                        && (op != Operator.IN || endsWord(at + 2))) {
                    at += op.symbol.length();
                    return op;
                }
            }
            throw new InvalidQueryException(at + 1, "expected an operator (=, !=, >, >=, <, <=, IN), found "
                    + found());
        }

        private List<String> list(Field field) {
            expect('(');
            List<String> values = new ArrayList<>();
            values.add(value(field));
            skipSpaces();
            while (!atEnd() && text.charAt(at) == ',') {
                at++;
                values.add(value(field));
                skipSpaces();
            }
            expect(')');
            return values;
        }

        /** A value, checked against the field's rules. */
        private String value(Field field) {
            int start = skipSpaces() + 1;
            String value = rawValue();
            check(field, value, start);
            return value;
        }

        private String rawValue() {
            skipSpaces();
            if (atEnd()) {
                throw new InvalidQueryException(at + 1, "expected a value, found the end of the query");
            }
            char first = text.charAt(at);
            if (first == '\'' || first == '"') {
                int close = text.indexOf(first, at + 1);
                if (close < 0) {
                    throw new InvalidQueryException(at + 1, "the quote " + first + " is never closed");
                }
                String value = text.substring(at + 1, close);
                at = close + 1;
                return value;
            }
            return word("a value");
        }

        private String word(String expected) {
            skipSpaces();
            int start = at;
            while (at < text.length() && !Character.isWhitespace(text.charAt(at))
                    && "(),=!<>'\"".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            if (start == at) {
                throw new InvalidQueryException(at + 1, "expected " + expected + ", found " + found());
            }
            return text.substring(start, at);
        }

        private void expect(char c) {
            skipSpaces();
            if (atEnd() || text.charAt(at) != c) {
                throw new InvalidQueryException(at + 1, "expected '" + c + "', found " + found());
            }
            at++;
        }

        /** Whether a word ends at {@code index} (the end of the text, or a character that is not a letter or digit). */
        private boolean endsWord(int index) {
            return index >= text.length() || !Character.isLetterOrDigit(text.charAt(index));
        }

        private String found() {
            return atEnd() ? "the end of the query" : "'" + text.charAt(at) + "'";
        }

        private int skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            return at;
        }

        private boolean atEnd() {
            skipSpaces();
            return at >= text.length();
        }
    }

    @Override
    public String toString() {
        return conditions.stream().map(c -> c.field().text + " " + c.operator().symbol + " " + c.values())
                .reduce((a, b) -> a + " AND " + b).orElse("*");
    }
}
