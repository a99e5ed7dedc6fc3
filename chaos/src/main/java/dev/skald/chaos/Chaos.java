package dev.skald.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./skald chaos}: one chaos run, printed and written as JSON; exits 0 when it passed, 1 when it did not. */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs order sagas on Kafka brokers, orchestrators and example services in child JVMs while a "
                + "seeded schedule SIGKILLs, freezes and restarts them, then reads every topic and checks that no "
                + "saga was lost, nothing was done twice and the services' effects balance (docs/reliability.md).")
public final class Chaos implements Callable<Integer> {
    @Option(names = "--quick", description = "The CI run: 1,000 sagas at 15/s, a fault every 4 s.")
    boolean quick;
    @Option(names = "--sagas", description = "Order sagas to run (default 10000; --quick 1000).")
    Integer sagas;
    @Option(names = "--rate", description = "Sagas started per second (default 15; --quick 15).")
    Integer rate;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the orders, failures and faults.")
    long seed;
    @Option(names = "--brokers", defaultValue = "3", description = "Kafka nodes (3 or more for broker kills).")
    int brokers;
    @Option(names = "--orchestrators", defaultValue = "2", description = "Orchestrator instances.")
    int orchestrators;
    @Option(names = "--services", defaultValue = "2", description = "Instances of the example order services.")
    int services;
    @Option(names = "--fault-every", defaultValue = "PT4S", converter = DurationConverter.class,
            description = "Time between two faults, e.g. 4s (ISO-8601 or <n>s).")
    Duration faultEvery;
    @Option(names = "--session-timeout", defaultValue = "PT10S", converter = DurationConverter.class,
            description = "The consumers' session timeout, e.g. 10s.")
    Duration sessionTimeout;
    @Option(names = "--work-dir", defaultValue = "chaos/target/chaos-run",
            description = "Where state directories, logs and the JSON report go.")
    Path workDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Chaos()).execute(args));
    }

    @Override
    public Integer call() {
        ChaosSettings base = ChaosSettings.quick(workDir);
        int count = sagas != null ? sagas : quick ? base.sagas() : 10_000;
        int perSecond = rate != null ? rate : base.rate();
        ChaosSettings settings = new ChaosSettings(count, perSecond, seed, brokers, orchestrators, services,
                faultEvery, sessionTimeout, base.settleWithin(), workDir, workDir.resolve("skald-chaos.json"));
        ChaosReport report = new ChaosRun(settings).run();
        report.print(System.out);
        report.write(settings.json());
        System.out.println("  report: " + settings.json());
        return report.passed() ? 0 : 1;
    }

    /** Reads {@code 4s}, {@code 500ms} or ISO-8601 {@code PT4S}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.trim();
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s") && !text.startsWith("P")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.parse(text);
        }
    }
}
