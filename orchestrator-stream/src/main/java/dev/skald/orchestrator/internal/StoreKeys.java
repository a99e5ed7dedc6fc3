package dev.skald.orchestrator.internal;

/**
 * The escaping that keeps composite store keys apart. Composite keys join user values with {@code /} (history,
 * definitions) or {@code |} (timers); each user value is escaped first, so it holds neither separator and no user
 * value can make one key look like another's, or fall into another saga's range scan. Escaping is
 * {@code % -> %25}, {@code / -> %2F}, {@code | -> %7C}: the identity on values without those characters (every
 * definition name, and every saga id but a child's), so most keys read as the values they hold.
 */
final class StoreKeys {
    private StoreKeys() {
    }

    /** {@code value} with {@code %}, {@code /} and {@code |} escaped. */
    static String escape(String value) {
        if (value.indexOf('%') < 0 && value.indexOf('/') < 0 && value.indexOf('|') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case '/' -> out.append("%2F");
                case '|' -> out.append("%7C");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The value {@link #escape} was given; the identity on text without {@code %}; a stray {@code %} stays. */
    static String unescape(String escaped) {
        if (escaped.indexOf('%') < 0) {
            return escaped;
        }
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            int code = c == '%' && i + 2 < escaped.length() ? hex(escaped, i + 1) : -1;
            if (code >= 0) {
                out.append((char) code);
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The byte written as two hex digits at {@code at}, or -1 when they are not hex digits. */
    private static int hex(String text, int at) {
        int high = Character.digit(text.charAt(at), 16);
        int low = Character.digit(text.charAt(at + 1), 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }
}
