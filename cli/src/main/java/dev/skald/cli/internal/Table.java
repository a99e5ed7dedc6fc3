package dev.skald.cli.internal;

import dev.skald.saga.format.Printable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A table for people: a header row and rows, columns aligned with two spaces between them; null shows as "-". */
public final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
    }

    /** A table with these column headers. */
    public static Table with(String... headers) {
        return new Table(List.of(headers));
    }

    /** Adds a row; values are shown with {@code toString()} (control characters escaped), null as "-". */
    public Table row(Object... values) {
        if (values.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " values, got " + values.length);
        }
        rows.add(Arrays.stream(values).map(v -> Printable.of(Objects.toString(v, "-"))).toList());
        return this;
    }

    /** Whether no row was added. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The rendered table, one line per row, each ending with a newline. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (List<String> row : allRows()) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : allRows()) {
            out.append(line(row, widths).stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>(rows.size() + 1);
        all.add(headers);
        all.addAll(rows);
        return all;
    }

    private static String line(List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 2));
        }
        return line.toString();
    }
}
