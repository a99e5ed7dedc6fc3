package dev.skald.orchestrator.internal;

/** Zero-padded decimal text, as {@code String.format("%0<width>d", n)} writes it, without a formatter per call. */
final class ZeroPadded {
    private ZeroPadded() {
    }

    /** {@code value} in decimal, left-padded with zeros to {@code width} characters (longer if it needs more). */
    static String of(long value, int width) {
        String digits = Long.toString(Math.abs(value));
        int pad = width - digits.length() - (value < 0 ? 1 : 0);
        StringBuilder out = new StringBuilder(Math.max(width, digits.length() + 1));
        if (value < 0) {
            out.append('-');
        }
        out.append("0".repeat(Math.max(0, pad)));
        return out.append(digits).toString();
    }
}
