package dev.skald.participant.conformance;

import dev.skald.examples.FailureInjection;
import dev.skald.participant.Participant;
import dev.skald.participant.ParticipantConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The Java SDK serving the conformance handlers, as a process the suite can kill: {@code --key value} pairs, every
 * {@link ParticipantConfig} key plus {@code --participant} and {@code --stall-after}. Prints
 * {@code java participant <name> running} once started; SIGTERM closes it.
 */
public final class JavaConformanceMain {
    private JavaConformanceMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, Object> settings = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            settings.put(args[i].substring(2), args[i + 1]);
        }
        String name = (String) settings.remove("participant");
        int stallAfter = Integer.parseInt((String) settings.getOrDefault("stall-after", "0"));
        settings.remove("stall-after");
        FailureInjection drill = FailureInjection.builder().stallAfter(stallAfter).build();
        Participant participant = new ConformanceHandlers(drill)
                .register(Participant.named(name).config(ParticipantConfig.from(settings))).start();
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            participant.close();
            closed.countDown();
        }, "conformance-shutdown"));
        System.out.println("java participant " + name + " running");
        System.out.flush();
        closed.await();
    }
}
