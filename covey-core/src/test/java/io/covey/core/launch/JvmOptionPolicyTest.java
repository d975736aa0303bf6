package io.covey.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JvmOptionPolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"-Xmx512m", "-Xms64m", "-Xss1m", "-XX:+UseG1GC", "-XX:+UseZGC", "-XX:-UseSerialGC",
            "-XX:MaxGCPauseMillis=200", "-XX:MaxMetaspaceSize=128m", "-XX:+UseStringDeduplication",
            "-Dapp.mode=batch", "-Dflag", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8"})
    void heapGcAndSystemPropertiesAreAllowed(String option) {
        assertThat(JvmOptionPolicy.DEFAULT.allows(option)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-javaagent:/tmp/evil.jar", "-agentlib:jdwp=transport=dt_socket", "-agentpath:/x.so",
            "-XX:OnOutOfMemoryError=kill -9 %p", "-XX:OnError=sh", "-XX:+UnlockDiagnosticVMOptions", "-Xbootclasspath/a:/x",
            "-Djava.system.class.loader=Evil", "-Djava.library.path=/tmp", "-Djdk.attach.allowAttachSelf=true",
            "-Dcovey.worker=x", "-cp", "/tmp/x.jar", "-Xmx64m -javaagent:x", "-XX:+UseEvilGC", "-Dapp=a b", "@argfile",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "-jar"})
    void whatCouldRunCodeOrChangeTheChildIsRefused(String option) {
        assertThat(JvmOptionPolicy.DEFAULT.allows(option)).isFalse();
    }

    @Test
    void anOperatorWidensTheListWithPatterns() {
        JvmOptionPolicy policy = new JvmOptionPolicy(List.of("-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=/var/dumps/*"));

        assertThat(policy.allows("-XX:+HeapDumpOnOutOfMemoryError")).isTrue();
        assertThat(policy.allows("-XX:HeapDumpPath=/var/dumps/w1.hprof")).isTrue();
        assertThat(policy.allows("-XX:HeapDumpPath=/etc/passwd")).isFalse();
        assertThat(policy.firstRefused(List.of("-Xmx1g", "-javaagent:x", "-XX:OnError=y"))).contains("-javaagent:x");
        assertThat(policy.firstRefused(List.of("-Xmx1g", "-XX:+HeapDumpOnOutOfMemoryError"))).isEmpty();
    }
}
