package io.covey.host.it.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What a test reads and clicks on the dashboard, by the data attributes the page sets for that. */
final class DashboardPage {
    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    private final ChromeDriver driver;

    DashboardPage(ChromeDriver driver) {
        this.driver = driver;
    }

    DashboardPage open(String url) {
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(url);
        return this;
    }

    DashboardPage waitUntilLive() {
        until(d -> "live".equals(d.findElement(By.id("connection")).getDomAttribute("data-status")));
        return this;
    }

    WebElement row(String worker) {
        return driver.findElement(By.cssSelector("tr[data-worker='" + worker + "']"));
    }

    List<WebElement> rows() {
        return driver.findElements(By.cssSelector("tr[data-worker]"));
    }

    List<WebElement> groups() {
        return driver.findElements(By.cssSelector("section.group"));
    }

    WebElement group(String name) {
        return driver.findElement(By.cssSelector("section[data-group='" + name + "']"));
    }

    String cell(String worker, String column) {
        return row(worker).findElement(By.cssSelector("td.col-" + column)).getText();
    }

    void waitForState(String worker, String state) {
        until(d -> !d.findElements(By.cssSelector("tr[data-worker='" + worker + "'][data-state='" + state + "']")).isEmpty());
    }

    void waitForCell(String worker, String column, String text) {
        until(d -> {
            List<WebElement> cells = d.findElements(By.cssSelector("tr[data-worker='" + worker + "'] td.col-" + column));
            return !cells.isEmpty() && text.equals(cells.get(0).getText());
        });
    }

    void click(String worker, String action) {
        row(worker).findElement(By.cssSelector("button[data-action='" + action + "']")).click();
    }

    void clickGroup(String group, String action) {
        group(group).findElement(By.cssSelector("button[data-action='" + action + "']")).click();
    }

    String count(String state) {
        List<WebElement> items = driver.findElements(By.cssSelector("#counts li[data-state='" + state + "'] b"));
        return items.isEmpty() ? "0" : items.get(0).getText();
    }

    Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    <T> T until(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(50)).until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError("the page did not get there; " + diagnostics(), e);
        }
    }

    /** What the page says about itself, and what the browser's console said: for a failure message. */
    String diagnostics() {
        StringBuilder text = new StringBuilder();
        text.append("connection: ").append(textOf("connection")).append("; notice: ").append(textOf("notice"));
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            text.append("\nconsole ").append(entry.getLevel()).append(": ").append(entry.getMessage());
        }
        return text.toString();
    }

    private String textOf(String id) {
        List<WebElement> found = driver.findElements(By.id(id));
        return found.isEmpty() ? "(absent)" : found.get(0).getText();
    }

    /** Saves the whole page at the given width under target/ for a person to look at. */
    Path screenshot(String name, int width) throws IOException {
        driver.manage().window().setSize(new Dimension(width, 900));
        long height = (Long) driver.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        return screenshot(name, width, (int) Math.max(600, Math.min(height + 20, 4000)));
    }

    /** Saves what a screen of this size shows. */
    Path screenshot(String name, int width, int height) throws IOException {
        driver.manage().window().setSize(new Dimension(width, height));
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
