package dev.skald.testkit;

import java.util.concurrent.CountDownLatch;

/**
 * A tiny main for {@link JvmProcessTest}: prints what it was given, then {@code ready}, then blocks until killed.
 * With the argument {@code exit=N} it exits with code N before it is ready.
 */
public final class ReadyMain {

    private ReadyMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("greeting=" + System.getProperty("greeting"));
        System.out.println("env=" + System.getenv("SKALD_TESTKIT_ENV"));
        System.out.println("args=" + String.join(",", args));
        for (String arg : args) {
            if (arg.startsWith("exit=")) {
                System.out.println("exiting early");
                System.exit(Integer.parseInt(arg.substring("exit=".length())));
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        System.out.println("ready");
        new CountDownLatch(1).await();
    }
}
