package dev.skald.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JvmProcessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void startReturnsOnTheReadyLineOfAMainGivenPropertiesEnvironmentAndArguments() throws IOException {
        try (JvmProcess process = JvmProcess.builder(ReadyMain.class)
                .systemProperty("greeting", "hello")
                .env("SKALD_TESTKIT_ENV", "from-env")
                .args("one", "two")
                .readyLine("ready")
                .start()) {

            assertThat(process.isAlive()).isTrue();
            assertThat(process.awaitLine("greeting=", TIMEOUT)).isEqualTo("greeting=hello");
            assertThat(process.awaitLine("env=", TIMEOUT)).isEqualTo("env=from-env");
            assertThat(process.awaitLine("args=", TIMEOUT)).isEqualTo("args=one,two");
            assertThat(Files.readAllLines(process.logFile())).contains("greeting=hello", "ready");
        }
    }

    @Test
    void killEndsTheProcessAtOnceWithoutRunningShutdownHooks() throws IOException {
        JvmProcess process = JvmProcess.builder(ReadyMain.class).readyLine("ready").start();

        process.kill();

        assertThat(process.isAlive()).isFalse();
        assertThat(process.awaitExit(TIMEOUT)).isEqualTo(137);
        assertThat(Files.readAllLines(process.logFile())).contains("ready").doesNotContain("shutdown hook ran");
        process.close();
    }

    @Test
    void closeStopsTheProcessGracefully() throws IOException {
        JvmProcess process = JvmProcess.builder(ReadyMain.class).readyLine("ready").start();

        process.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(Files.readAllLines(process.logFile())).contains("shutdown hook ran");
    }

    @Test
    void startFailsFastWhenTheProcessExitsBeforeItIsReady() {
        Instant begin = Instant.now();

        assertThatThrownBy(() -> JvmProcess.builder(ReadyMain.class).args("exit=3").readyLine("ready").start())
                .isInstanceOf(ChildProcessException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("exiting early");
        assertThat(Duration.between(begin, Instant.now())).isLessThan(TIMEOUT);
    }

    @Test
    void startFailsWhenTheReadyLineDoesNotComeInTime() {
        assertThatThrownBy(() -> JvmProcess.builder(ReadyMain.class)
                .readyLine("never printed")
                .startTimeout(Duration.ofSeconds(2))
                .start())
                .isInstanceOf(ChildProcessException.class)
                .hasMessageContaining("within 2000 ms")
                .hasMessageContaining("ready");
    }

    @Test
    void awaitLineFailsWhenTheProcessIsGone() {
        JvmProcess process = JvmProcess.builder(ReadyMain.class).readyLine("ready").start();
        process.kill();

        assertThatThrownBy(() -> process.awaitLine("never printed", TIMEOUT))
                .isInstanceOf(ChildProcessException.class)
                .hasMessageContaining("exited with code 137");
    }
}
