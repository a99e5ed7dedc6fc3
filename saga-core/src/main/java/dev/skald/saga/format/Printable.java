package dev.skald.saga.format;

/**
 * Text from outside (record headers, option values) as it may be printed: control characters escaped, so a hostile
 * value cannot move the cursor, rewrite a line or hide text on the operator's terminal.
 */
public final class Printable {
    private Printable() {
    }

    /** The text with every control character written as {@code \\uXXXX}; null stays null. */
    public static String of(String text) {
        if (text == null || text.codePoints().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** The text quoted for a message: at most 80 characters, control characters escaped. */
    public static String quoted(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "'" + of(cut) + "'";
    }
}
