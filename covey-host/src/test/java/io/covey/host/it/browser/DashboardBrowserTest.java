package io.covey.host.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.covey.engine.testworkers.PokeableWorker;
import tools.jackson.databind.JsonNode;

/** The dashboard in a real (headless) Chromium against a real host without a token. */
class DashboardBrowserTest {
    private static Chromium chromium;
    private static DashboardHost host;
    private DashboardPage page;

    @BeforeAll
    static void startBrowserAndHost() throws Exception {
        chromium = Chromium.start();
        host = DashboardHost.start(null, "--covey.host.events.retained=64", // small, to make a gap
                "--covey.worker.usage-sample-interval=300ms");
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
    void openThePage() {
        page = new DashboardPage(chromium.driver).open(host.url()).waitUntilLive();
    }

    @AfterEach
    void nukeEveryGroup() {
        for (JsonNode group : host.api.get("/api/v1/groups").json()) {
            host.api.delete("/api/v1/groups/" + group.get("name").asString());
        }
    }

    @Test
    void workersOfANewGroupAppearAndReachRunningWithoutAReload() {
        page.script("window.notReloaded = true");
        host.runGroup("web", "serving http", "web-1", "web-2");

        page.waitForState("web-1", "RUNNING");
        page.waitForState("web-2", "RUNNING");
        assertThat(page.cell("web-1", "state")).isEqualTo("RUNNING");
        assertThat(page.cell("web-1", "type")).isEqualTo("PokeableWorker");
        assertThat(page.cell("web-1", "mode")).isEqualTo("in-process");
        assertThat(page.cell("web-1", "attempt")).isEqualTo("1");
        assertThat(page.cell("web-1", "restarts")).isEqualTo("0");
        assertThat(page.cell("web-1", "message")).isEqualTo("serving http");
        page.until(d -> "2".equals(page.count("RUNNING")));
        assertThat(page.script("return window.notReloaded")).isEqualTo(true);
    }

    @Test
    void aForeignWorkersMemoryAndCpuShowInItsRowAsInItsStatus() {
        host.runGroupJson("usage", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"measured\","
                + "\"params\":{\"name\":\"m\"},\"options\":{\"foreign\":true}}]}");
        page.waitForState("measured", "RUNNING");

        page.until(d -> page.cell("measured", "memory").matches("\\d+\\.\\d MiB") && page.cell("measured", "cpu").matches("\\d+\\.\\d%"));

        JsonNode status = host.api.get("/api/v1/workers/measured").json();
        assertThat(status.get("memoryBytes").asLong()).isBetween(8L << 20, 2L << 30);
        assertThat(status.get("cpuPercent").asDouble()).isBetween(0.0, 800.0);
        double shownMiB = Double.parseDouble(page.cell("measured", "memory").replace(" MiB", ""));
        assertThat(shownMiB).isBetween(8.0, 2048.0);
        assertThat(page.script("return document.querySelector('th.col-memory').textContent")).isEqualTo("Memory");
        assertThat(page.script("return document.querySelector('th.col-cpu').textContent")).isEqualTo("CPU");
    }

    @Test
    void theReasonOfACrashShowsBesideTheStateAsInTheStatus() {
        host.runGroupJson("bounded", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"bounded\","
                + "\"params\":{\"name\":\"b\"},\"options\":{\"deadline\":\"1s\"}}]}");

        page.waitForState("bounded", "FAILED");
        page.waitForCell("bounded", "state", "FAILED deadline");

        assertThat(host.api.get("/api/v1/workers/bounded").json().get("crashReason").asString()).isEqualTo("deadline");
        page.script("location.reload()");
        page.waitUntilLive();
        page.waitForCell("bounded", "state", "FAILED deadline"); // from the status too, not only the event
        host.api.post("/api/v1/workers/bounded/restart", null);
        page.waitForCell("bounded", "state", "RUNNING");
    }

    @Test
    void aKilledChildComesBackWithAHigherAttempt() {
        host.runGroupJson("crashy", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"victim\","
                + "\"params\":{\"name\":\"v\"},\"options\":{\"foreign\":true}}]}");
        page.waitForState("victim", "RUNNING");
        assertThat(page.cell("victim", "attempt")).isEqualTo("1");
        assertThat(page.cell("victim", "mode")).isEqualTo("foreign");
        long pid = host.api.get("/api/v1/workers/victim").json().get("pid").asLong();
        page.waitForCell("victim", "pid", String.valueOf(pid));

        assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue(); // kill -9 of the child

        page.waitForCell("victim", "attempt", "2");
        page.waitForState("victim", "RUNNING");
        assertThat(page.cell("victim", "restarts")).isEqualTo("1");
        assertThat(page.cell("victim", "pid")).isNotEqualTo(String.valueOf(pid));
    }

    @Test
    void instancesOfASpecAreShownTogetherUnderTheirIdAndFollowAScale() {
        host.runGroupJson("fleet", "{\"workers\":[{\"type\":\"PokeableWorker\",\"id\":\"api\",\"instances\":11,"
                + "\"params\":{\"name\":\"api\",\"message\":\"up\"}},{\"type\":\"PokeableWorker\",\"id\":\"zz-solo\","
                + "\"params\":{\"name\":\"zz-solo\",\"message\":\"up\"}},{\"type\":\"PokeableWorker\",\"id\":\"aa-solo\","
                + "\"params\":{\"name\":\"aa-solo\",\"message\":\"up\"}}]}");
        page.waitForState("api-10", "RUNNING");
        page.until(d -> page.group("fleet").findElement(By.cssSelector("tr.family[data-family='api']")).getText()
                .equals("api 11 instances: 11 RUNNING"));

        // The family's heading, then its instances by index (api-2 before api-10), where "api" sorts among the others.
        List<String> order = page.group("fleet").findElements(By.cssSelector("tbody tr")).stream()
                .map(tr -> tr.getAttribute("data-worker") != null ? tr.getAttribute("data-worker") : "[" + tr.getAttribute("data-family") + "]")
                .toList();
        assertThat(order).containsExactly("aa-solo", "[api]", "api-0", "api-1", "api-2", "api-3", "api-4", "api-5", "api-6",
                "api-7", "api-8", "api-9", "api-10", "zz-solo");
        assertThat(page.row("api-3").getAttribute("class")).contains("instance");
        assertThat(page.row("aa-solo").getAttribute("class")).doesNotContain("instance");

        assertThat(host.api.post("/api/v1/workers/api/scale", "{\"instances\":2}").status()).isEqualTo(200);
        page.until(d -> d.findElements(By.cssSelector("tr[data-worker='api-10']")).isEmpty()
                && d.findElements(By.cssSelector("tr[data-worker='api-2']")).isEmpty());
        page.until(d -> page.group("fleet").findElement(By.cssSelector("tr.family[data-family='api']")).getText()
                .equals("api 2 instances: 2 RUNNING"));
        assertThat(page.cell("api-1", "attempt")).isEqualTo("1");
    }

    @Test
    void restartAWorkerAndStopAGroupFromThePage() {
        host.runGroup("ops", "ready", "ops-1", "ops-2");
        page.waitForState("ops-1", "RUNNING");
        page.waitForState("ops-2", "RUNNING");

        page.click("ops-1", "restart");
        page.waitForCell("ops-1", "attempt", "2");
        page.waitForState("ops-1", "RUNNING");
        assertThat(page.cell("ops-2", "attempt")).isEqualTo("1");

        page.clickGroup("ops", "stop-group");
        page.waitForState("ops-1", "STOPPED");
        page.waitForState("ops-2", "STOPPED");
        page.until(d -> page.group("ops").findElement(By.className("flag")).isDisplayed());
        assertThat(host.api.get("/api/v1/groups/ops").json().get("stopped").asBoolean()).isTrue();
    }

    @Test
    void nukeAsksFirstAndForgetsTheGroupOnlyWhenConfirmed() {
        host.runGroup("doomed", "alive", "doomed-1");
        page.waitForState("doomed-1", "RUNNING");

        page.clickGroup("doomed", "nuke-group");
        page.until(d -> d.findElement(By.id("confirm-dialog")).isDisplayed());
        assertThat(chromium.driver.findElement(By.id("confirm-title")).getText()).isEqualTo("Nuke group doomed?");
        chromium.driver.findElement(By.cssSelector("#confirm-dialog button[value='cancel']")).click();
        page.until(d -> !d.findElement(By.id("confirm-dialog")).isDisplayed());
        assertThat(host.api.get("/api/v1/groups/doomed").status()).isEqualTo(200);

        page.clickGroup("doomed", "nuke-group");
        page.until(d -> d.findElement(By.id("confirm-dialog")).isDisplayed());
        chromium.driver.findElement(By.id("confirm-ok")).click();
        page.until(d -> d.findElements(By.cssSelector("section[data-group='doomed']")).isEmpty());
        assertThat(host.api.get("/api/v1/groups/doomed").status()).isEqualTo(404);
    }

    @Test
    void aWorkersRowOpensItsLogsWhichFollowLive() {
        host.runGroup("talk", "listening", "talker");
        page.waitForState("talker", "RUNNING");

        page.row("talker").click();
        page.until(d -> d.findElement(By.id("log-lines")).getText().contains("up as talker"));
        assertThat(chromium.driver.findElement(By.id("log-title")).getText()).isEqualTo("Logs of talker");

        PokeableWorker.say("talker", "a line said later");
        page.until(d -> d.findElement(By.id("log-lines")).getText().contains("a line said later"));
        chromium.driver.findElement(By.id("log-close")).click();
        page.until(d -> !d.findElement(By.id("log-dialog")).isDisplayed());
    }

    @Test
    void aScheduledWorkerShowsWhenItRunsNext_andItMovesOnWhenARunComes() {
        host.runGroupJson("timed", "{\"workers\":[{\"type\":\"CountdownJob\",\"id\":\"hourly\",\"params\":{\"from\":0},"
                + "\"schedule\":{\"cron\":\"0 * * * *\",\"timeZone\":\"Asia/Kolkata\"}},"
                + "{\"type\":\"CountdownJob\",\"id\":\"often\",\"params\":{\"from\":0},\"schedule\":{\"every\":\"2s\"}}]}");
        String next = host.api.get("/api/v1/workers/hourly").json().get("nextRunAt").asString();
        page.until(d -> !page.rows().isEmpty() && !"—".equals(page.cell("hourly", "next")) && !page.cell("hourly", "next").isBlank());
        assertThat(page.row("hourly").findElement(By.cssSelector("td.col-next")).getDomAttribute("title"))
                .isEqualTo(java.time.format.DateTimeFormatter.ISO_INSTANT.format(java.time.Instant.parse(next))
                        .replace("Z", ".000Z") + " (schedule in Asia/Kolkata)");
        // Kolkata is UTC+5:30: the next whole hour there is at :30 UTC, and the page shows it in that zone as :00.
        assertThat(page.cell("hourly", "next")).contains(":00:00");

        page.waitForState("often", "COMPLETED");
        String first = page.cell("often", "next");
        page.until(d -> !page.cell("often", "next").equals(first) && !"—".equals(page.cell("often", "next")));
        assertThat(Integer.parseInt(page.cell("often", "attempt"))).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theWorkerTypesAreListedWithTheParamsTheirSchemasName() {
        page.until(d -> !d.findElements(By.cssSelector("details[data-type='CountdownJob']")).isEmpty());
        var countdown = chromium.driver.findElement(By.cssSelector("details[data-type='CountdownJob']"));
        countdown.findElement(By.tagName("summary")).click();
        assertThat(countdown.findElement(By.cssSelector("li[data-param='from']")).getText()).isEqualTo("from*: integer");
        var pokeable = chromium.driver.findElement(By.cssSelector("details[data-type='PokeableWorker']"));
        pokeable.findElement(By.tagName("summary")).click();
        assertThat(pokeable.findElements(By.cssSelector("li[data-param]"))).extracting(e -> e.getText())
                .containsExactly("name: string", "message: string");
    }

    @Test
    void untrustedTextIsShownAsTextNeverAsMarkup() {
        String hostile = "<img src=x onerror=\"window.pwned=1\"><b>bold</b>";
        host.runGroup("xss", hostile, "xss-1");
        page.waitForState("xss-1", "RUNNING");
        PokeableWorker.say("xss-1", hostile);
        page.row("xss-1").click();
        page.until(d -> d.findElement(By.id("log-lines")).getText().contains(hostile));

        assertThat(page.cell("xss-1", "message")).isEqualTo(hostile);
        assertThat(chromium.driver.findElements(By.cssSelector("main img, main b, dialog img, dialog b"))).isEmpty();
        assertThat(page.script("return window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void aDroppedConnectionResumesWithSinceAndMissesNothing() {
        host.runGroup("steady", "up", "steady-1");
        page.waitForState("steady-1", "RUNNING");
        long resyncs = (Long) page.script("return window.covey.resyncs()");

        page.script("window.covey.drop(500)");
        page.until(d -> !"live".equals(d.findElement(By.id("connection")).getDomAttribute("data-status")));
        PokeableWorker.crash("steady-1"); // while the page is away
        page.waitUntilLive();

        page.waitForCell("steady-1", "attempt", "2");
        page.waitForState("steady-1", "RUNNING");
        assertThat(page.script("return window.covey.resyncs()")).as("resumed with since=, no re-read").isEqualTo(resyncs);
    }

    @Test
    void afterAGapThePageReReadsTheState() {
        host.runGroup("noisy", "up", "noisy-1");
        page.waitForState("noisy-1", "RUNNING");
        long resyncs = (Long) page.script("return window.covey.resyncs()");

        page.script("window.covey.drop(1500)");
        page.until(d -> !"live".equals(d.findElement(By.id("connection")).getDomAttribute("data-status")));
        for (int i = 0; i < 100; i++) {
            PokeableWorker.say("noisy-1", "line " + i); // more than the host retains
        }
        PokeableWorker.crash("noisy-1");

        page.waitUntilLive();
        page.until(d -> (Long) page.script("return window.covey.resyncs()") > resyncs);
        page.waitForCell("noisy-1", "attempt", "2");
        page.waitForState("noisy-1", "RUNNING");
    }

    @Test
    void screenshotsAtDesktopAndPhoneWidth() throws Exception {
        host.runGroup("api", "serving on :8080", "api-1", "api-2");
        host.runGroup("serial", "reading /dev/ttyUSB0 at 9600 baud, forwarding to http://localhost:7770", "tty-usb0");
        host.runGroupJson("jobs", "{\"workers\":[{\"type\":\"CountdownJob\",\"id\":\"nightly-report\",\"params\":{\"from\":3}},"
                + "{\"type\":\"FaultyWorker\",\"id\":\"flaky-device\",\"params\":{\"fault\":\"RUN\"},"
                + "\"options\":{\"restartLimit\":2}}]}");
        page.waitForState("api-2", "RUNNING");
        page.waitForState("tty-usb0", "RUNNING");
        page.waitForState("nightly-report", "COMPLETED");
        page.waitForState("flaky-device", "FAILED");
        PokeableWorker.crash("api-1");
        page.waitForCell("api-1", "attempt", "2");
        page.waitForState("api-1", "RUNNING");

        assertThat(page.screenshot("dashboard-desktop", 1280)).satisfies(p -> assertThat(Files.size(p)).isPositive());
        assertThat(page.screenshot("dashboard-phone", 390)).satisfies(p -> assertThat(Files.size(p)).isPositive());
        page.screenshot("dashboard-phone-screen", 390, 844);
        page.row("tty-usb0").click();
        PokeableWorker.say("tty-usb0", "forwarded 42 bytes");
        page.until(d -> d.findElement(By.id("log-lines")).getText().contains("forwarded 42 bytes"));
        page.screenshot("dashboard-logs-phone", 390, 844);
    }
}
