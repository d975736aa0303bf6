package io.covey.host.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.manifest.CoveyManifest;
import io.covey.engine.CoveyManager;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.Scheduler;
import io.covey.engine.foreign.ForeignWorkerLauncher;
import io.covey.engine.inprocess.InProcessLauncher;
import io.covey.engine.launch.WorkerLauncher;
import io.covey.engine.testworkers.ServiceWorker;
import io.covey.host.logging.LifecycleLog;
import io.covey.host.metrics.CoveyMetrics;
import io.covey.worker.autoconfigure.CoveyWorkerAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;

/** The engine's auto-configuration: present, backed off by the application's beans, disabled, and failing on bad values with the property's name. */
class CoveyHostAutoConfigurationTests {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CoveyWorkerAutoConfiguration.class, CoveyHostAutoConfiguration.class,
                    CoveyHostActuatorAutoConfiguration.class))
            .withPropertyValues("covey.worker.warm-pool.size=0")
            .withUserConfiguration(Manifest.class);

    @Test
    void aManagerWithItsLauncherLifecyclesAndMeters() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(CoveyManager.class).hasSingleBean(ForeignWorkerLauncher.class)
                    .hasSingleBean(ExecutorScheduler.class).hasSingleBean(CoveyManagerLifecycle.class)
                    .hasSingleBean(ForeignLauncherLifecycle.class).hasSingleBean(LifecycleLog.class)
                    .hasSingleBean(CoveyMetrics.class).hasBean("coveyHealthIndicator");
            assertThat(context.getBean(CoveyManager.class).workerTypes()).containsExactly("ServiceWorker");
            assertThat(context.getBean(LifecycleLog.class).isRunning()).isTrue();
        });
    }

    @Test
    void backsOffForTheApplicationsOwnBeans() {
        runner.withUserConfiguration(OwnSchedulerAndLauncher.class).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ForeignWorkerLauncher.class).hasSingleBean(Scheduler.class);
            assertThat(context.getBean(Scheduler.class)).isSameAs(context.getBean("ownScheduler"));
            assertThat(context.getBean(WorkerLauncher.class)).isSameAs(context.getBean("ownLauncher"));
        });
        runner.withBean("myManager", CoveyManager.class, () -> CoveyManager.builder(CoveyManifest.of(ServiceWorker.class))
                .noForeignChildren().build()).run(context -> assertThat(context).hasNotFailed()
                .getBean(CoveyManager.class).isSameAs(context.getBean("myManager")));
    }

    @Test
    void offWithCoveyHostEnabledFalseAndItsActuatorPartWithIt() {
        runner.withPropertyValues("covey.host.enabled=false").run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(CoveyManager.class).doesNotHaveBean(ForeignWorkerLauncher.class)
                .doesNotHaveBean(CoveyMetrics.class).doesNotHaveBean("coveyHealthIndicator"));
    }

    @Test
    void metersOnlyWhereMicrometerIs() {
        runner.withClassLoader(new FilteredClassLoader(MeterBinder.class)).run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(CoveyManager.class).doesNotHaveBean(CoveyMetrics.class));
    }

    @Test
    void badValuesFailTheStartNamingTheProperty() {
        runner.withPropertyValues("covey.host.max-workers=0", "covey.host.events.ping-interval=0s",
                "covey.host.worker-defaults.backoff-jitter=2", "covey.host.allowed-origins=https://ok.example.com/path")
                .run(context -> assertThat(String.join("\n", failureMessages(context)))
                        .contains("covey.host.max-workers must be at least 1, was 0")
                        .contains("covey.host.events.ping-interval must be a positive duration")
                        .contains("covey.host.worker-defaults.backoff-jitter must be between 0.0 and 1.0, was 2.0")
                        .contains("covey.host.allowed-origins must list origins as scheme://host[:port]"));
        runner.withPropertyValues("covey.host.shutdown-budget=soon").run(context -> assertThat(String.join("\n", failureMessages(context)))
                .contains("covey.host.shutdown-budget").contains("soon"));
    }

    /** A bean method builds; the warm pool's child JVMs start with the application, in the lifecycle. */
    @Test
    void theLauncherBeanStartsNoChildUntilTheLifecycleStarts() {
        ChildLaunchSettings settings = ChildLaunchSettings.defaults().withWarmPool(new ChildLaunchSettings.WarmPool(1, Duration.ZERO));
        try (ExecutorScheduler scheduler = new ExecutorScheduler();
             ForeignWorkerLauncher launcher = new CoveyHostAutoConfiguration().coveyForeignWorkerLauncher(settings, scheduler,
                     new CoveyHostProperties())) {
            assertThat(launcher.warmPoolStats().starting() + launcher.warmPoolStats().waiting()).isZero();
            new ForeignLauncherLifecycle(launcher, settings).start();
            await().atMost(Duration.ofSeconds(60)).until(() -> launcher.warmPoolStats().starting() + launcher.warmPoolStats().waiting() == 1);
        }
    }

    private static List<String> failureMessages(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        List<String> messages = new ArrayList<>();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }

    @Configuration(proxyBeanMethods = false)
    static class Manifest {
        @Bean
        CoveyManifest manifest() {
            return CoveyManifest.of(ServiceWorker.class);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnSchedulerAndLauncher {
        @Bean(destroyMethod = "close")
        ExecutorScheduler ownScheduler() {
            return new ExecutorScheduler();
        }

        @Bean
        WorkerLauncher ownLauncher(Scheduler ownScheduler) {
            return new InProcessLauncher(ownScheduler);
        }
    }
}
