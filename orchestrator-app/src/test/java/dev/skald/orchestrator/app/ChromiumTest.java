package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChromiumTest {
    @Test
    void aMissingBrowserFailsTheTestAndSaysHowToInstallIt() {
        Path nowhere = Path.of("/nonexistent/chromium");

        assertThatThrownBy(() -> Chromium.start(nowhere, Path.of("/usr/bin/chromedriver")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/chromium is missing")
                .hasMessageContaining("chromium-driver")
                .hasMessageContaining("./skald test");
    }
}
