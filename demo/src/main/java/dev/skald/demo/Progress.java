package dev.skald.demo;

import java.io.PrintStream;
import java.util.Map;

/** A progress bar on a terminal; a line per tenth of the batch otherwise (CI logs). */
final class Progress {
    private static final int WIDTH = 40;

    private final int total;
    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private int lastTenth = -1;

    Progress(int total, PrintStream out) {
        this.total = total;
        this.out = out;
    }

    void show(Map<String, String> statusByOrder) {
        int done = statusByOrder.size();
        if (terminal) {
            int filled = WIDTH * done / total;
            out.printf("\r[%s%s] %d/%d sagas finished", "#".repeat(filled), " ".repeat(WIDTH - filled), done, total);
            out.flush();
        } else if (done * 10 / total > lastTenth) {
            lastTenth = done * 10 / total;
            out.printf("%d/%d sagas finished%n", done, total);
        }
    }

    void finish(Map<String, String> statusByOrder) {
        show(statusByOrder);
        if (terminal) {
            out.println();
        }
    }
}
