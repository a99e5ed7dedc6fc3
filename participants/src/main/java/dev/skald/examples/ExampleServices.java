package dev.skald.examples;

import dev.skald.examples.onboarding.OnboardingServices;
import dev.skald.examples.order.OrderServices;
import dev.skald.participant.ParticipantConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs example participant services as a process until it is stopped (SIGTERM closes them gracefully).
 *
 * <pre>
 * java -cp ... dev.skald.examples.ExampleServices --bootstrap-servers localhost:9092 \
 *     --services order --fail Charge:business:0.1 --fail CreateShipment:transient:0.2 --slowness 5ms
 * </pre>
 *
 * <p>Options: {@code --services} ({@code order}, {@code onboarding}, or a comma-separated subset of
 * {@code inventory,payment,shipping,notification}), {@code --fail <commandType|*>:<business|transient>:<rate>}
 * (repeatable; also {@code <commandType>:slow:<rate>}), {@code --slowness <n>ms}, {@code --slow-reply <n>ms} (how
 * long a slow reply works, default 2000ms), {@code --seed <n>}, {@code --stall-after <n>}, {@code --stock
 * SKU=units,...} (default {@code A-1=1000,B-2=1000,C-3=1000}), and participant settings as
 * {@code --<key> <value>} (any key of {@link ParticipantConfig#SETTINGS}, e.g. {@code --instance.id pod-1}).
 * Prints {@code example services running: ...} once every participant has started.
 */
public final class ExampleServices {
    private static final String DEFAULT_STOCK = "A-1=1000,B-2=1000,C-3=1000";
    private static final Set<String> OWN_OPTIONS = Set.of("services", "fail", "slowness", "slow-reply", "seed",
            "stall-after", "stock");

    private ExampleServices() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, List<String>> options = options(args);
        Map<String, Object> settings = new HashMap<>();
        options.forEach((key, values) -> {
            if (!OWN_OPTIONS.contains(key)) {
                settings.put(key.equals("bootstrap-servers") ? ParticipantConfig.BOOTSTRAP_SERVERS
                        : key.equals("schema-registry-url") ? ParticipantConfig.SCHEMA_REGISTRY_URL : key,
                        values.get(values.size() - 1));
            }
        });
        ParticipantConfig config = ParticipantConfig.from(settings);
        FailureInjection failures = failures(options);
        String services = last(options, "services", "order");
        List<AutoCloseable> running = new ArrayList<>();
        if (services.equals("onboarding")) {
            running.add(OnboardingServices.start(config, failures));
        } else {
            Set<String> names = services.equals("order") ? OrderServices.ALL
                    : new LinkedHashSet<>(Arrays.asList(services.split(",")));
            if (!OrderServices.ALL.containsAll(names)) {
                throw new IllegalArgumentException("--services is order, onboarding, or some of "
                        + OrderServices.ALL + "; got " + services);
            }
            running.add(OrderServices.start(config, failures, stock(last(options, "stock", DEFAULT_STOCK)), names));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable service : running) {
                try {
                    service.close();
                } catch (Exception e) {
                    System.err.println("closing " + service + ": " + e);
                }
            }
            stopped.countDown();
        }, "example-services-shutdown"));
        System.out.println("example services running: " + services + " (instance " + (config.instanceId() == null ? "random" : config.instanceId()) + ", "
                + failures + ")");
        System.out.flush();
        stopped.await();
    }

    private static FailureInjection failures(Map<String, List<String>> options) {
        FailureInjection.Builder builder = FailureInjection.builder()
                .seed(Long.parseLong(last(options, "seed", "42")))
                .stallAfter(Integer.parseInt(last(options, "stall-after", "0")))
                .slowness(millis(last(options, "slowness", "0ms")))
                .slowReply(millis(last(options, "slow-reply", "2000ms")));
        options.getOrDefault("fail", List.of()).forEach(spec -> builder.rule(FailureInjection.Rule.parse(spec)));
        return builder.build();
    }

    private static Duration millis(String text) {
        String value = text.endsWith("ms") ? text.substring(0, text.length() - 2) : text;
        return Duration.ofMillis(Long.parseLong(value.trim()));
    }

    private static Map<String, Integer> stock(String spec) {
        Map<String, Integer> stock = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] kv = entry.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("--stock is SKU=units,...; got '" + spec + "'");
            }
            stock.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
        }
        return stock;
    }

    private static String last(Map<String, List<String>> options, String key, String fallback) {
        List<String> values = options.get(key);
        return values == null ? fallback : values.get(values.size() - 1);
    }

    private static Map<String, List<String>> options(String[] args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
            }
            options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[i + 1]);
        }
        return options;
    }
}
