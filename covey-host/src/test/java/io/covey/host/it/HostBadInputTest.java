package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad input: each a 4xx problem+json with a useful detail, no stack trace, and no worker started. */
@SpringBootTest(classes = TestHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"covey.host.worker-defaults.foreign=false"})
class HostBadInputTest {
    @LocalServerPort
    int port;
    HttpJson api;

    @BeforeEach
    void client() {
        api = new HttpJson(port, null);
    }

    private void assertRefused(HttpJson.Response response, int status, String detailPart) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        String detail = response.json().get("detail").asString();
        assertThat(detail).contains(detailPart);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("trace");
        assertThat(api.get("/api/v1/groups").json()).isEmpty();
    }

    @Test
    void malformedJson() {
        assertRefused(api.put("/api/v1/groups/g", "{\"workers\":[{\"type\":"), 400, "not valid JSON");
        assertRefused(api.put("/api/v1/groups/g", ""), 400, "needs a JSON body");
        assertRefused(api.put("/api/v1/groups/g", "{\"wokers\":[]}"), 400, "wokers");
        assertRefused(api.put("/api/v1/groups/g", "{}"), 400, "needs a \"workers\" list");
    }

    @Test
    void aTenMegabyteBody() {
        byte[] body = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        assertRefused(api.put("/api/v1/groups/g", body), 413, "larger than the limit of 1048576 bytes");
    }

    @Test
    void nestingTwoThousandDeep() {
        String deep = "{\"workers\":[{\"type\":\"ServiceWorker\",\"params\":{\"name\":" + "[".repeat(2000) + "]".repeat(2000) + "}}]}";
        assertRefused(api.put("/api/v1/groups/g", deep), 400, "nesting depth");
    }

    @Test
    void unknownTypesAreNamedWithTheDeclaredOnes() {
        assertRefused(api.put("/api/v1/groups/g", "{\"workers\":[{\"type\":\"Nope\",\"params\":{}}]}"), 400,
                "worker type 'Nope' is not declared; declared types: ChattyJob, CountdownJob, CrashingWorker, FaultyWorker, InputSinkWorker, ServiceWorker");
        assertRefused(api.put("/api/v1/groups/g", "{\"workers\":[{\"type\":\"java.lang.Runtime\",\"params\":{}}]}"), 400,
                "declared types:");
    }

    @Test
    void paramsOfTheWrongType() {
        assertRefused(api.put("/api/v1/groups/g", "{\"workers\":[{\"type\":\"CountdownJob\",\"params\":{\"from\":\"ten\"}}]}"), 400,
                "params do not fit worker type 'CountdownJob'");
        assertRefused(api.put("/api/v1/groups/g", "{\"workers\":[{\"type\":\"CountdownJob\",\"params\":{\"from\":1},\"options\":{\"restart\":\"sometimes\"}}]}"), 400,
                "use on-crash, always or never");
        assertRefused(api.put("/api/v1/groups/g", "{\"workers\":[{\"type\":\"CountdownJob\",\"params\":{\"from\":1},\"options\":{\"stopTimeout\":\"soon\"}}]}"), 400,
                "'soon' is not a duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-javaagent:/tmp/evil.jar", "-XX:OnOutOfMemoryError=kill -9 1", "-Djava.system.class.loader=x.Evil",
            "-agentlib:jdwp=transport=dt_socket,server=y", "-Dcovey.worker=other#1", "-Xmx64m -javaagent:/x"})
    void aJvmOptionOutsideTheAllowListIsRefusedByName(String option) {
        String spec = "{\"workers\":[{\"type\":\"CountdownJob\",\"id\":\"heap\",\"params\":{\"from\":1},"
                + "\"options\":{\"foreign\":true,\"jvmOptions\":[\"-Xmx64m\"," + io.covey.core.json.CoveyJson.write(option) + "]}}]}";
        HttpJson.Response response = api.put("/api/v1/groups/g", spec);
        assertRefused(response, 400, "asks for the JVM option '" + option + "', which this host does not allow");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:covey:problem:jvm-option-not-allowed");
        assertThat(response.json().get("option").asString()).isEqualTo(option);
    }

    @Test
    void aMemorySizeThatIsNoneIsRefused() {
        assertRefused(api.put("/api/v1/groups/g", "{\"workers\":[{\"type\":\"CountdownJob\",\"params\":{\"from\":1},"
                + "\"options\":{\"maxMemory\":\"lots\"}}]}"), 400, "'lots' is not a memory size");
        assertRefused(api.put("/api/v1/groups/g", "{\"workers\":[{\"type\":\"CountdownJob\",\"params\":{\"from\":1},"
                + "\"options\":{\"noRestartExitCodes\":[300]}}]}"), 400, "noRestartExitCodes must be exit codes from 0 to 255");
        assertRefused(api.put("/api/v1/groups/g", "{\"workers\":[{\"type\":\"CountdownJob\",\"params\":{\"from\":1},"
                + "\"options\":{\"maxHeap\":\"64m\"}}]}"), 400, "runs as a thread of the manager");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2Fx", "%2e%2e", "a%00b", "bad%20name"})
    void badGroupNames(String name) {
        HttpJson.Response response = api.put("/api/v1/groups/" + name, "{\"workers\":[]}");
        assertThat(response.status()).as(response.body()).isBetween(400, 404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception");
        assertThat(api.get("/api/v1/groups").json()).isEmpty();
    }

    @Test
    void aTenThousandCharacterGroupName() {
        assertRefused(api.put("/api/v1/groups/" + "x".repeat(10_000), "{\"workers\":[]}"), 400, "is not valid: it must match");
    }

    @Test
    void shellAndJvmLookingParamsAreJustData() throws Exception {
        HttpJson.Response response = api.put("/api/v1/groups/g", """
                {"workers":[{"type":"ServiceWorker","id":"data","params":{"name":"$(touch /tmp/covey-pwned) -XX:OnOutOfMemoryError=kill"}}]}""");
        assertThat(response.status()).isEqualTo(200);
        org.awaitility.Awaitility.await().until(() -> api.get("/api/v1/workers/data").json().get("state").asString().equals("RUNNING"));
        assertThat(api.get("/api/v1/workers/data").json().get("message").asString())
                .isEqualTo("serving $(touch /tmp/covey-pwned) -XX:OnOutOfMemoryError=kill");
        assertThat(new java.io.File("/tmp/covey-pwned")).doesNotExist();
        api.delete("/api/v1/groups/g");
    }

    @Test
    void wrongMethodAndUnknownPath() {
        HttpJson.Response wrongMethod = api.send(api.builder("/api/v1/groups/g").method("PATCH", HttpRequest.BodyPublishers.noBody()));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
        HttpJson.Response nowhere = api.get("/api/v1/nowhere");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.contentType()).startsWith("application/problem+json");
    }
}
