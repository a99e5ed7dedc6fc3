package dev.skald.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Skald's main job, on a fresh machine with nothing installed: starts an in-process Kafka broker, the orchestrator
 * (with its REST API) and the example order services, runs a batch of order sagas (some fail by injection and roll
 * back), prints a summary and checks the saga promise, then exits; or, with {@code --serve}, keeps the REST API and
 * the dashboard up.
 */
@Command(name = "skald demo", mixinStandardHelpOptions = true,
        description = "Runs a batch of order sagas on an embedded Kafka broker and checks that every rolled-back order "
                + "kept no payment and no stock.")
public final class Demo implements Callable<Integer> {
    @Option(names = "--sagas", defaultValue = "1000", description = "Order sagas to run (default ${DEFAULT-VALUE}).")
    int sagas;

    @Option(names = "--failure-rate", defaultValue = "0.1",
            description = "Share of orders that fail for a business reason and roll back, 0 to 1 (default "
                    + "${DEFAULT-VALUE}); as many again fail transiently once and are retried.")
    double failureRate;

    @Option(names = "--concurrency", defaultValue = "200",
            description = "Sagas in flight at once, at most (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the failure injection (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--serve",
            description = "Keep the REST API and the dashboard (/ui) up after the batch (Ctrl-C stops).")
    boolean serve;

    @Option(names = "--port", defaultValue = "8080", description = "REST port with --serve (default ${DEFAULT-VALUE}).")
    int port;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Demo()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (sagas < 1 || concurrency < 1 || failureRate < 0 || failureRate > 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--sagas and --concurrency must be at least 1, and --failure-rate between 0 and 1");
        }
        DemoRun.Settings settings = new DemoRun.Settings(sagas, failureRate, concurrency, seed, serve, port);
        try (DemoRun run = DemoRun.start(settings)) {
            DemoRun.Summary summary = run.execute();
            summary.print(System.out);
            if (serve) {
                run.serveUntilStopped();
            }
            return summary.invariantViolations().isEmpty() && summary.unfinished() == 0 ? 0 : 1;
        }
    }
}
