package io.covey.host.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** With a token set, the page shows nothing until it is given the token, and never puts it in a URL. */
class DashboardTokenBrowserTest {
    private static final String TOKEN = "dashboard-test-token-0123456789";

    private static Chromium chromium;
    private static DashboardHost host;
    private DashboardPage page;

    @BeforeAll
    static void startBrowserAndHost() throws Exception {
        chromium = Chromium.start();
        host = DashboardHost.start(TOKEN);
        host.runGroup("secret", "classified work", "secret-1");
    }

    @AfterAll
    static void stopBoth() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (host != null) {
                host.close();
            }
        }
    }

    @BeforeEach
    void freshTab() {
        chromium.driver.get(host.url());
        chromium.driver.executeScript("sessionStorage.clear()");
        page = new DashboardPage(chromium.driver).open(host.url());
    }

    @Test
    void withoutTheTokenThePageAsksForItAndShowsNoData() {
        page.until(d -> d.findElement(By.id("token-form")).isDisplayed());
        assertThat(page.groups()).isEmpty();
        assertThat(page.rows()).isEmpty();
        assertThat(chromium.driver.findElements(By.cssSelector("#counts li"))).isEmpty();
        assertThat(chromium.driver.findElement(By.tagName("body")).getText()).doesNotContain("secret-1", "classified");
    }

    @Test
    void aWrongTokenIsRefusedAndAskedForAgain() {
        enterToken("not-the-token");
        page.until(d -> d.findElement(By.id("token-error")).isDisplayed());
        assertThat(chromium.driver.findElement(By.id("token-error")).getText()).contains("refused");
        assertThat(page.groups()).isEmpty();
        assertThat(page.script("return sessionStorage.getItem('covey.apiToken')")).isNull();
    }

    @Test
    void withTheTokenItWorksLiveAndKeepsItForTheSessionOnly() throws Exception {
        page.until(d -> d.findElement(By.id("token-form")).isDisplayed());
        page.screenshot("dashboard-token-prompt", 390, 844);
        enterToken(TOKEN);
        page.waitUntilLive();
        page.waitForState("secret-1", "RUNNING");
        assertThat(chromium.driver.findElement(By.id("token-form")).isDisplayed()).isFalse();

        host.runGroup("later", "declared after the page opened", "later-1");
        page.waitForState("later-1", "RUNNING"); // events through a ticket-opened WebSocket

        assertThat(page.script("return sessionStorage.getItem('covey.apiToken')")).isEqualTo(TOKEN);
        assertThat(page.script("return localStorage.length")).isEqualTo(0L);
        assertThat(chromium.driver.getCurrentUrl()).doesNotContain(TOKEN);
        Object urls = page.script("return performance.getEntriesByType('resource').map(e => e.name).join(' ')");
        assertThat((String) urls).doesNotContain(TOKEN);

        chromium.driver.navigate().refresh(); // the same tab keeps it: no second prompt
        new DashboardPage(chromium.driver).waitUntilLive().waitForState("later-1", "RUNNING");
        assertThat(chromium.driver.findElement(By.id("token-form")).isDisplayed()).isFalse();
        host.api.delete("/api/v1/groups/later");
    }

    private void enterToken(String token) {
        page.until(d -> d.findElement(By.id("token-form")).isDisplayed());
        WebElement input = chromium.driver.findElement(By.id("token-input"));
        input.sendKeys(token);
        chromium.driver.findElement(By.cssSelector("#token-form button[type='submit']")).click();
    }
}
