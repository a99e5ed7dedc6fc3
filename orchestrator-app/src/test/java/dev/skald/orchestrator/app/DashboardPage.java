package dev.skald.orchestrator.app;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard at {@code /ui} as a user works it: the token form, the saga filters, a saga's steps, history and
 * actions, the definitions. Every method waits for what it needs to appear.
 */
final class DashboardPage {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final URI base;
    private final FluentWait<WebDriver> wait;

    DashboardPage(WebDriver driver, URI base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class);
    }

    /** Opens a view by its route, e.g. {@code /sagas} or {@code /definitions}, and waits until it is shown. */
    void open(String route) {
        driver.get(base.resolve("/ui/#" + route).toString());
        awaitShown(route::equals);
    }

    /** Waits until the page has shown a route that passes {@code shown} (the view marks the route it rendered). */
    private void awaitShown(Predicate<String> shown) {
        wait.until(d -> {
            String route = d.findElement(By.id("view")).getDomAttribute("data-shown");
            return route != null && shown.test(route);
        });
    }

    /** Enters the API token once, for this tab. */
    void useToken(String token) {
        driver.findElement(By.id("token-input")).sendKeys(token);
        driver.findElement(By.id("token-save")).click();
        wait.until(ExpectedConditions.textToBe(By.id("token-state"), "token set for this tab"));
    }

    /** Filters the saga list by definition and status, as the form does. */
    void filterSagas(String definition, String status) {
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#filter-definition option[value='" + definition + "']")));
        new Select(driver.findElement(By.id("filter-definition"))).selectByValue(definition);
        new Select(driver.findElement(By.id("filter-status"))).selectByValue(status);
        driver.findElement(By.cssSelector("#saga-filter button[type=submit]")).click();
        awaitShown(route -> route.contains("status=" + status));
    }

    /** Asks the stuck view for sagas waiting longer than {@code olderThan}, as its form does. */
    void showStuck(String olderThan) {
        WebElement field = driver.findElement(By.id("stuck-older-than"));
        field.clear();
        field.sendKeys(olderThan);
        driver.findElement(By.cssSelector("#stuck-filter button[type=submit]")).click();
        awaitShown(route -> route.equals("/stuck?olderThan=" + olderThan));
    }

    /** The ids of the sagas the list shows. */
    List<String> listedSagas() {
        return driver.findElements(By.cssSelector("tr[data-saga]")).stream()
                .map(row -> row.getDomAttribute("data-saga")).toList();
    }

    /** The number a status's count tile shows. */
    String count(String status) {
        return driver.findElement(By.cssSelector(".count.status-" + status.toLowerCase() + " .number")).getText();
    }

    /** Opens a listed saga from the keyboard: focus on its link, then Enter. */
    void openListedSaga(String sagaId) {
        WebElement link = driver.findElement(By.cssSelector("tr[data-saga='" + sagaId + "'] a"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", link);
        link.sendKeys(Keys.ENTER);
        awaitShown(route -> route.startsWith("/saga/"));
    }

    /** The saga the page shows: its id, as in its heading. */
    String shownSagaId() {
        return driver.findElement(By.cssSelector("h1 .id")).getText();
    }

    /** Each step of the saga shown, with the status it is coloured by. */
    Map<String, String> steps() {
        Map<String, String> out = new LinkedHashMap<>();
        driver.findElements(By.cssSelector("li.step[data-step]")).forEach(step ->
                out.put(step.getDomAttribute("data-step"), step.getDomAttribute("data-status")));
        return out;
    }

    /** The text of each history event, oldest first. */
    List<String> history() {
        return driver.findElements(By.cssSelector(".timeline li")).stream().map(WebElement::getText).toList();
    }

    /** Opens a JSON block ({@code Input}, {@code Output}, ...) unless it is open, and returns its text. */
    String json(String title) {
        WebElement block = driver.findElement(By.xpath("//details[summary[text()='" + title + "']]"));
        if (!"true".equals(block.getDomProperty("open"))) {
            block.findElement(By.tagName("summary")).click();
        }
        return block.findElement(By.tagName("pre")).getText();
    }

    /** Clicks an action's button, accepts its confirmation, and returns what the page says of the result. */
    String act(String action) {
        driver.findElement(By.id("action-" + action)).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(driver -> !driver.findElement(By.id("action-result")).getText().isEmpty());
        return driver.findElement(By.id("action-result")).getText();
    }

    /** Re-reads the saga shown until it shows this status. */
    void refreshUntilStatus(String status) {
        refreshUntil(() -> !driver.findElements(By.cssSelector("h1 .status-" + status.toLowerCase())).isEmpty());
    }

    /** Re-reads the saga shown until an event of its history contains this text. */
    void refreshUntilHistoryShows(String text) {
        refreshUntil(() -> history().stream().anyMatch(event -> event.contains(text)));
    }

    private void refreshUntil(BooleanSupplier shown) {
        wait.until(d -> {
            d.findElement(By.id("refresh")).click();
            awaitShown(route -> true);
            return shown.getAsBoolean();
        });
    }

    /** Follows a link of the view, by its CSS selector, and waits until the route it names is shown. */
    void follow(String linkSelector) {
        WebElement link = driver.findElement(By.cssSelector(linkSelector));
        String route = link.getDomProperty("href").replaceFirst("^[^#]*#", "");
        link.click();
        awaitShown(route::equals);
    }

    /** Whether the page is wider than the window (it should never be, on a phone either). */
    boolean scrollsSideways() {
        return (Boolean) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth");
    }

    /** The text of the whole view. */
    String text() {
        return driver.findElement(By.id("view")).getText();
    }
}
