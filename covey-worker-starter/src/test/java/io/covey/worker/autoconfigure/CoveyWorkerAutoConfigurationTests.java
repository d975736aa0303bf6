package io.covey.worker.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.covey.core.manifest.CoveyManifest;
import io.covey.worker.autoconfigure.testworkers.extra.LibraryWorker;
import io.covey.worker.autoconfigure.testworkers.good.EchoWorker;
import io.covey.worker.autoconfigure.testworkers.good.TickWorker;
import io.covey.core.launch.ChildLaunchSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class CoveyWorkerAutoConfigurationTests {
    private static final String GOOD = "io.covey.worker.autoconfigure.testworkers.good";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CoveyWorkerAutoConfiguration.class));

    @Test
    void isListedAsAnAutoConfiguration() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
                .contains(CoveyWorkerAutoConfiguration.class.getName());
    }

    @Test
    void providesDefaultsWithoutAnyConfiguration() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ChildLaunchSettings.class).hasSingleBean(CoveyManifest.class);
            assertThat(context.getBean(ChildLaunchSettings.class)).isEqualTo(ChildLaunchSettings.defaults());
            // A bare context has no auto-configuration packages, so nothing is scanned.
            assertThat(context.getBean(CoveyManifest.class).typeNames()).isEmpty();
        });
    }

    @Test
    void bindsLaunchProperties() {
        runner.withPropertyValues(
                "covey.worker.heartbeat-interval=1s",
                "covey.worker.unresponsive-after=4s",
                "covey.worker.kill-grace=500ms",
                "covey.worker.max-message-size=64KB",
                "covey.worker.transport=tcp",
                "covey.worker.java=/opt/jdk/bin/java",
                "covey.worker.worker-path=/srv/workers",
                "covey.worker.jvm-options[0]=-Xmx64m",
                "covey.worker.jvm-options[1]=-Dcovey.test=true",
                "covey.worker.extra-class-path=/a.jar,/b.jar",
                "covey.worker.environment-allow-list=PATH").run(context -> {
                    ChildLaunchSettings settings = context.getBean(ChildLaunchSettings.class);
                    assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(settings.unresponsiveAfter()).isEqualTo(Duration.ofSeconds(4));
                    assertThat(settings.killGrace()).isEqualTo(Duration.ofMillis(500));
                    assertThat(settings.maxMessageBytes()).isEqualTo(64 * 1024);
                    assertThat(settings.transport()).isEqualTo(ChildLaunchSettings.Transport.TCP);
                    assertThat(settings.javaBinary()).isEqualTo(Path.of("/opt/jdk/bin/java"));
                    assertThat(settings.workerPath()).isEqualTo(Path.of("/srv/workers"));
                    assertThat(settings.jvmOptions()).containsExactly("-Xmx64m", "-Dcovey.test=true");
                    assertThat(settings.extraClassPath()).containsExactly("/a.jar", "/b.jar");
                    assertThat(settings.environmentAllowList()).containsExactly("PATH");
                    assertThat(settings.classPath()).isEmpty();
                });
    }

    @Test
    void scansConfiguredPackagesForAnnotatedWorkers() {
        runner.withPropertyValues("covey.worker.scan-packages=" + GOOD).run(context -> {
            CoveyManifest manifest = context.getBean(CoveyManifest.class);
            assertThat(manifest.typeNames()).containsExactly("EchoWorker", "ticker");
            assertThat(manifest.require("ticker").workerClass()).isEqualTo(TickWorker.class);
        });
    }

    @Test
    void scansAutoConfigurationPackagesWhenNoPackagesAreSet() {
        runner.withUserConfiguration(GoodPackageApplication.class).run(context ->
                assertThat(context.getBean(CoveyManifest.class).typeNames()).containsExactly("EchoWorker", "ticker"));
    }

    @Test
    void explicitScanPackagesReplaceAutoConfigurationPackages() {
        runner.withUserConfiguration(GoodPackageApplication.class)
                .withPropertyValues("covey.worker.scan-packages=io.covey.worker.autoconfigure.testworkers.extra")
                .run(context -> assertThat(context.getBean(CoveyManifest.class).typeNames()).isEmpty());
    }

    @Test
    void customizersAddTypesAfterTheScan() {
        runner.withPropertyValues("covey.worker.scan-packages=" + GOOD)
                .withUserConfiguration(CustomizerConfiguration.class).run(context -> {
                    CoveyManifest manifest = context.getBean(CoveyManifest.class);
                    assertThat(manifest.typeNames()).containsExactly("EchoWorker", "LibraryWorker", "ticker");
                    assertThat(manifest.require("LibraryWorker").workerClass()).isEqualTo(LibraryWorker.class);
                });
    }

    @Test
    void userBeansReplaceTheAutoConfiguredOnes() {
        runner.withPropertyValues("covey.worker.scan-packages=" + GOOD)
                .withUserConfiguration(OwnBeansConfiguration.class).run(context -> {
                    assertThat(context).hasSingleBean(ChildLaunchSettings.class).hasSingleBean(CoveyManifest.class);
                    assertThat(context.getBean(CoveyManifest.class)).isSameAs(context.getBean("ownManifest"));
                    assertThat(context.getBean(CoveyManifest.class).typeNames()).containsExactly("LibraryWorker");
                    assertThat(context.getBean(ChildLaunchSettings.class))
                            .isSameAs(context.getBean("ownLaunchSettings"));
                });
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackages = GOOD)
    static class GoodPackageApplication {
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {
        @Bean
        @Order(1)
        CoveyManifestCustomizer libraryWorkers() {
            return CoveyManifestCustomizer.including(CoveyManifest.of(LibraryWorker.class));
        }

        // Adding a class the scan already found is harmless: same name, same class.
        @Bean
        @Order(2)
        CoveyManifestCustomizer echoAgain() {
            return CoveyManifestCustomizer.including(EchoWorker.class);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeansConfiguration {
        @Bean
        CoveyManifest ownManifest() {
            return CoveyManifest.of(LibraryWorker.class);
        }

        @Bean
        ChildLaunchSettings ownLaunchSettings() {
            return new ChildLaunchSettings(null, List.of(), null, null, null, null, null, null, null, null, null, 0);
        }
    }
}
