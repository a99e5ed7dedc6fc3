package dev.skald.testkit.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Child processes still running when the JVM exits normally are killed, so a failed test run does not leave
 * brokers behind. (Nothing can run when the JVM itself is killed with SIGKILL.)
 */
public final class ChildProcesses {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "skald-testkit-child-reaper"));
    }

    private ChildProcesses() {
    }

    public static void register(Process process) {
        RUNNING.add(process);
    }

    public static void unregister(Process process) {
        RUNNING.remove(process);
    }

    private static void killAll() {
        for (Process process : RUNNING) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
