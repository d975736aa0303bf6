package io.covey.host.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.covey.host.api.GroupsController;
import io.covey.host.api.ManifestController;
import io.covey.host.api.OpenApiController;
import io.covey.host.api.ProblemErrorController;
import io.covey.host.api.ProblemResponses;
import io.covey.host.events.EventSessionKeepAlive;
import io.covey.host.events.EventStreamHandler;
import io.covey.host.security.EventTicketStore;
import io.covey.worker.autoconfigure.CoveyWorkerAutoConfiguration;

/** The web part: present in a servlet application with a manager, backed off bean by bean, absent without the manager. */
class CoveyHostWebAutoConfigurationTests {
    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CoveyWorkerAutoConfiguration.class, CoveyHostAutoConfiguration.class,
                    CoveyHostWebAutoConfiguration.class))
            .withPropertyValues("covey.worker.warm-pool.size=0")
            .withBean(DefaultErrorAttributes.class)
            .withUserConfiguration(CoveyHostAutoConfigurationTests.Manifest.class);

    @Test
    void theApiTheGuardsTheEventStreamAndTheDashboard() {
        runner.run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(GroupsController.class).hasSingleBean(ManifestController.class).hasSingleBean(OpenApiController.class)
                .hasSingleBean(ProblemResponses.class).hasSingleBean(ProblemErrorController.class)
                .hasSingleBean(EventStreamHandler.class).hasSingleBean(EventSessionKeepAlive.class).hasSingleBean(EventTicketStore.class)
                .hasBean("coveyBearerTokenFilter").hasBean("coveyRequestGuard").hasBean("coveyEventStreamEndpoint")
                .hasBean("coveyDashboard").hasBean("coveyLoopbackWithoutToken").hasBean("coveyTomcatProblems"));
    }

    @Test
    void backsOffForTheApplicationsOwnBeans() {
        runner.withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean("coveyBearerTokenFilter")).isSameAs(context.getBean(OwnBeans.class).filter);
            assertThat(context).getBean(EventTicketStore.class).isSameAs(context.getBean(OwnBeans.class).tickets);
        });
    }

    @Test
    void theDashboardTurnsOffAndTheTomcatPartNeedsTomcat() {
        runner.withPropertyValues("covey.host.dashboard.enabled=false").run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean("coveyDashboard").hasSingleBean(GroupsController.class));
        runner.withClassLoader(new FilteredClassLoader(org.apache.catalina.startup.Tomcat.class)).run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean("coveyTomcatProblems").hasSingleBean(GroupsController.class));
    }

    @Test
    void nothingWithoutTheManager() {
        runner.withPropertyValues("covey.host.enabled=false").run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(GroupsController.class).doesNotHaveBean("coveyRequestGuard"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        final FilterRegistrationBean<?> filter = new FilterRegistrationBean<>();
        final EventTicketStore tickets = new EventTicketStore(java.time.Duration.ofSeconds(5), 3, java.time.Clock.systemUTC());

        @Bean
        FilterRegistrationBean<?> coveyBearerTokenFilter() {
            return filter;
        }

        @Bean
        EventTicketStore myTickets() {
            return tickets;
        }
    }
}
