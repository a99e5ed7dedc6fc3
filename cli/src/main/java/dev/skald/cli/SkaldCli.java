package dev.skald.cli;

import dev.skald.cli.internal.ApiClient;
import dev.skald.cli.internal.CliException;
import dev.skald.cli.internal.InvalidArguments;
import dev.skald.cli.internal.KafkaAccess;
import dev.skald.cli.internal.Output;
import dev.skald.saga.format.Printable;
import dev.skald.orchestrator.SkaldTopics;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code skald} command line. Run it with {@code SkaldCli.commandLine(env).execute(args)}; every command
 * returns its exit code: 0 on success, 1 when the request was refused or failed (a wrong id, an invalid definition,
 * a rebuild that differs, an option value that breaks its rule), 2 when the API or the Kafka cluster cannot be
 * reached (and for usage errors: an unknown option, a missing argument).
 *
 * <p>Global options (before or after the command): {@code --api} (or {@code SKALD_API}), {@code --token} (or
 * {@code SKALD_API_TOKEN}), {@code --bootstrap-servers} (or {@code SKALD_BOOTSTRAP_SERVERS}), {@code --topic-prefix},
 * {@code --kafka key=value}, {@code --json}, {@code --verbose}.
 */
@Command(name = "skald", mixinStandardHelpOptions = true, version = "skald 0.1.0",
        description = "Operate Skald: definitions, sagas, dead letters, stuck sagas and rebuilds.",
        subcommands = {DefinitionsCommand.class, StartCommand.class, StatusCommand.class, ListCommand.class,
                HistoryCommand.class, ControlCommand.Cancel.class, ControlCommand.Pause.class,
                ControlCommand.Resume.class, ControlCommand.Retry.class, ControlCommand.Resend.class,
                ControlCommand.Restart.class,
                StuckCommand.class, DeadLettersCommand.class, RebuildCommand.class})
public final class SkaldCli implements Runnable {
    static final String DEFAULT_API = "http://localhost:8080";
    private static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9._-]{0,200}");

    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Option(names = "--api", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The Skald REST API (default: $SKALD_API, else " + DEFAULT_API + ").")
    private String api;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "A bearer token for the API (default: $SKALD_API_TOKEN).")
    private String token;

    @Option(names = "--bootstrap-servers", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT,...",
            description = "The Kafka cluster, for dead-letters and rebuild (default: $SKALD_BOOTSTRAP_SERVERS).")
    private String bootstrapServers;

    @Option(names = "--topic-prefix", scope = ScopeType.INHERIT, paramLabel = "PREFIX",
            description = "The prefix of Skald's topics (default: $SKALD_TOPIC_PREFIX, else skald.).")
    private String topicPrefix;

    @Option(names = {"-K", "--kafka"}, scope = ScopeType.INHERIT, paramLabel = "KEY=VALUE",
            description = "A Kafka client setting (security.protocol, sasl.*, ssl.*...); repeatable.")
    private Map<String, String> kafkaSettings;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the raw JSON, for scripts.")
    private boolean json;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    private boolean verbose;

    /** A command line configured by the process environment. */
    public SkaldCli() {
        this(System.getenv());
    }

    /** A command line configured by this environment ({@code SKALD_API}, {@code SKALD_API_TOKEN}...). */
    public SkaldCli(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env can't be null"));
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /**
     * The command line configured by this environment. It reports an option value that breaks its rule as
     * {@code skald: <option>: <rule>} with exit code 1 ({@link InvalidArguments}), and takes {@code @FILE} arguments
     * as they are: picocli's argument files are off, so {@code --input @order.json} reaches the command as typed
     * (picocli would have replaced it with the file's words, and read {@code @/dev/zero} forever).
     */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new SkaldCli(env)).setExpandAtFiles(false);
        return cli.setParameterExceptionHandler(new InvalidArguments(cli.getParameterExceptionHandler()));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A client of the API at {@code --api} (or {@code SKALD_API}). */
    ApiClient api() {
        return api("--api", setting(api, "SKALD_API", DEFAULT_API));
    }

    /** A client of the API at this URL, given with {@code option}, with the token. */
    ApiClient api(String option, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CliException(option + ": " + Printable.quoted(url) + " is not a URL", CliException.FAILED, e);
        }
        if (uri.getHost() == null || !"http".equalsIgnoreCase(uri.getScheme())
                && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw CliException.failed(option + ": " + Printable.quoted(url) + " is not a URL like "
                    + "http://localhost:8080");
        }
        return new ApiClient(uri, setting(token, "SKALD_API_TOKEN", null));
    }

    /** The Kafka cluster at {@code --bootstrap-servers} (or {@code SKALD_BOOTSTRAP_SERVERS}). */
    KafkaAccess kafka() {
        String servers = setting(bootstrapServers, "SKALD_BOOTSTRAP_SERVERS", null);
        if (servers == null || servers.isBlank()) {
            throw CliException.failed("this command reads Skald's topics: give --bootstrap-servers or set "
                    + "SKALD_BOOTSTRAP_SERVERS");
        }
        return new KafkaAccess(servers, kafkaSettings == null ? Map.of() : kafkaSettings, topics());
    }

    /** Skald's topic names under {@code --topic-prefix} (or {@code SKALD_TOPIC_PREFIX}). */
    SkaldTopics topics() {
        String prefix = setting(topicPrefix, "SKALD_TOPIC_PREFIX", SkaldTopics.DEFAULT.prefix());
        if (!TOPIC_PREFIX.matcher(prefix).matches()) {
            throw CliException.failed("--topic-prefix (or SKALD_TOPIC_PREFIX): " + Printable.quoted(prefix)
                    + " is not a topic prefix: use at most 200 letters, digits, '.', '_' and '-'");
        }
        return new SkaldTopics(prefix);
    }

    /** The environment this command line reads. */
    Map<String, String> env() {
        return env;
    }

    /** Where commands print. */
    Output output() {
        return new Output(spec.commandLine().getOut(), json);
    }

    /** Whether errors print their stack trace. */
    boolean verbose() {
        return verbose;
    }

    /** Where errors go. */
    java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private String setting(String option, String variable, String fallback) {
        if (option != null) {
            return option;
        }
        String value = env.get(variable);
        return value == null || value.isBlank() ? fallback : value;
    }
}
