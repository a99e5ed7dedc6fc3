package dev.skald.orchestrator.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver, with its console watched: every SEVERE entry (an
 * uncaught JavaScript error, a {@code console.error}, a failed resource load) is collected for the test to fail on.
 * Missing Chromium is a failure, never a skip: {@code ./skald test} installs it.
 */
final class Chromium implements AutoCloseable {
    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");
    /** A laptop's window; {@link #phone()} switches to a phone's. */
    private static final Dimension LAPTOP = new Dimension(1280, 1000);
    private static final Dimension PHONE = new Dimension(390, 844);

    private final ChromeDriver driver;
    private final List<String> consoleErrors = new ArrayList<>();

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts Debian's headless Chromium; fails, saying how to install it, when its packages are missing. */
    static Chromium start() {
        return start(BROWSER, DRIVER);
    }

    /** Starts this browser through this driver; fails, saying how to install them, when either is missing. */
    static Chromium start(Path browser, Path driver) {
        for (Path required : List.of(browser, driver)) {
            if (!Files.isExecutable(required)) {
                throw new IllegalStateException(required + " is missing: the dashboard's browser tests need Debian's "
                        + "chromium and chromium-driver packages; run ./skald test, which installs them");
            }
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        return new Chromium(new ChromeDriver(service, options(browser)));
    }

    private static ChromeOptions options(Path browser) {
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + LAPTOP.width + "," + LAPTOP.height);
        options.setCapability("goog:loggingPrefs", logging);
        return options;
    }

    /** The driver, for pages to work with. */
    ChromeDriver driver() {
        return driver;
    }

    /** The SEVERE console entries since the browser started (reading them drains the browser's buffer). */
    List<String> consoleErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER).getAll()) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
        return List.copyOf(consoleErrors);
    }

    /** Forgets the console errors collected so far (after a test checked them). */
    void clearConsoleErrors() {
        consoleErrors();
        consoleErrors.clear();
    }

    /** Saves what the window shows as {@code target/ui-screenshots/<name>.png}, and returns that path. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot " + name, e);
        }
    }

    /** Resizes the window to a phone's. */
    void phone() {
        driver.manage().window().setSize(PHONE);
    }

    /** Resizes the window to a laptop's. */
    void laptop() {
        driver.manage().window().setSize(LAPTOP);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
