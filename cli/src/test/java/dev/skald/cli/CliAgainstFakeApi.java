package dev.skald.cli;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The base of the CLI's unit tests: each test gets a fresh {@link FakeApi} (closed after it) and runs the CLI with
 * {@code SKALD_API} pointing at it.
 */
abstract class CliAgainstFakeApi {
    /** The fake API this test's CLI runs talk to; a new one for every test. */
    protected final FakeApi api = new FakeApi();

    @AfterEach
    void closeApi() {
        api.close();
    }

    /** Runs {@code skald args...} with {@code SKALD_API} set to {@link #api}. */
    protected CliRun skald(String... args) {
        return CliRun.run(Map.of("SKALD_API", api.url()), args);
    }
}
