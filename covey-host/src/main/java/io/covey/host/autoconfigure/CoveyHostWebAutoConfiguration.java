package io.covey.host.autoconfigure;

import java.net.InetAddress;
import java.time.Clock;

import org.apache.catalina.startup.Tomcat;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

import io.covey.engine.CoveyManager;
import io.covey.host.api.EventTicketsController;
import io.covey.host.api.EventsController;
import io.covey.host.api.GroupsController;
import io.covey.host.api.GroupsFileController;
import io.covey.host.api.JsonBodyReader;
import io.covey.host.api.ManifestController;
import io.covey.host.api.OpenApiController;
import io.covey.host.api.ProblemErrorController;
import io.covey.host.api.ProblemResponses;
import io.covey.host.api.WorkersController;
import io.covey.host.groupsfile.GroupsFileApplier;
import io.covey.host.events.EventSessionKeepAlive;
import io.covey.host.events.EventStreamHandler;
import io.covey.host.events.EventStreamHandshake;
import io.covey.host.security.ActuatorPaths;
import io.covey.host.security.BearerTokenFilter;
import io.covey.host.security.EventTicketStore;
import io.covey.host.security.RequestGuard;

/**
 * The HTTP face of the host: REST API, event stream, token guard, origin guard, loopback default,
 * the dashboard. Every bean backs off when the application defines its own (by type, or by name
 * for the customizers, filters and configurers, whose types say little).
 */
@AutoConfiguration(after = CoveyHostAutoConfiguration.class,
        beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(CoveyManager.class)
@EnableWebSocket
public final class CoveyHostWebAutoConfiguration {
    private static final System.Logger LOG = System.getLogger(CoveyHostWebAutoConfiguration.class.getName());

    @Bean
    @ConditionalOnMissingBean
    JsonBodyReader coveyJsonBodyReader(CoveyHostProperties properties) {
        return new JsonBodyReader(properties.getMaxBodySize().toBytes(), properties.getMaxJsonDepth());
    }

    @Bean
    @ConditionalOnMissingBean
    GroupsController coveyGroupsController(CoveyManager manager, JsonBodyReader bodies) {
        return new GroupsController(manager, bodies);
    }

    @Bean
    @ConditionalOnMissingBean
    WorkersController coveyWorkersController(CoveyManager manager, JsonBodyReader bodies) {
        return new WorkersController(manager, bodies);
    }

    @Bean
    @ConditionalOnMissingBean
    ManifestController coveyManifestController(CoveyManager manager) {
        return new ManifestController(manager.manifest());
    }

    @Bean
    @ConditionalOnMissingBean
    EventsController coveyEventsController(CoveyManager manager) {
        return new EventsController(manager);
    }

    @Bean
    @ConditionalOnMissingBean
    EventTicketsController coveyEventTicketsController(EventTicketStore tickets) {
        return new EventTicketsController(tickets);
    }

    @Bean
    @ConditionalOnMissingBean
    GroupsFileController coveyGroupsFileController(ObjectProvider<GroupsFileApplier> applier) {
        return new GroupsFileController(applier);
    }

    @Bean
    @ConditionalOnMissingBean
    OpenApiController coveyOpenApiController() {
        return new OpenApiController();
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemResponses coveyProblemResponses() {
        return new ProblemResponses();
    }

    /** Before ErrorMvcAutoConfiguration, whose own error controller then backs off. */
    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController coveyProblemErrorController(ErrorAttributes errorAttributes) {
        return new ProblemErrorController(errorAttributes);
    }

    @Bean
    @ConditionalOnMissingBean
    EventTicketStore coveyEventTicketStore(CoveyHostProperties properties) {
        CoveyHostProperties.Events events = properties.getEvents();
        return new EventTicketStore(events.getTicketTimeToLive(), events.getMaxTickets(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean(name = "coveyBearerTokenFilter")
    FilterRegistrationBean<BearerTokenFilter> coveyBearerTokenFilter(CoveyHostProperties properties, EventTicketStore tickets,
                                                                     Environment environment) {
        ActuatorPaths actuator = new ActuatorPaths(environment.getProperty("management.endpoints.web.base-path", "/actuator"),
                properties.getActuator().getPublicEndpoints());
        FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(
                new BearerTokenFilter(properties.getApiToken(), tickets, actuator));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** After the token filter: a request without the token learns only that it needs one. */
    @Bean
    @ConditionalOnMissingBean(name = "coveyRequestGuard")
    FilterRegistrationBean<RequestGuard> coveyRequestGuard(CoveyHostProperties properties) {
        FilterRegistrationBean<RequestGuard> registration = new FilterRegistrationBean<>(
                new RequestGuard(properties.allowedOriginsInAll(), !properties.hasApiToken()));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    EventSessionKeepAlive coveyEventSessionKeepAlive(CoveyHostProperties properties) {
        return new EventSessionKeepAlive(properties.getEvents().getPingInterval());
    }

    @Bean
    @ConditionalOnMissingBean
    EventStreamHandler coveyEventStreamHandler(CoveyManager manager, CoveyHostProperties properties,
                                               EventSessionKeepAlive keepAlive) {
        CoveyHostProperties.Events events = properties.getEvents();
        return new EventStreamHandler(manager, events.getMaxSessions(), events.getSendTimeLimit(),
                (int) events.getSendBufferSize().toBytes(), keepAlive);
    }

    @Bean
    @ConditionalOnMissingBean(name = "coveyEventStreamEndpoint")
    WebSocketConfigurer coveyEventStreamEndpoint(EventStreamHandler handler, CoveyHostProperties properties) {
        return registry -> registry.addHandler(handler, "/ws/events")
                .addInterceptors(new EventStreamHandshake())
                .setAllowedOrigins(properties.allowedOriginsInAll().toArray(String[]::new));
    }

    /**
     * The dashboard (docs/DASHBOARD.md) at {@code /}, from {@code covey-dashboard/} in this jar
     * rather than {@code static/}, so that an application embedding the host keeps its own static
     * content and welcome page, and can turn the dashboard off.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "covey.host.dashboard.enabled", matchIfMissing = true)
    @ConditionalOnMissingBean(name = "coveyDashboard")
    WebMvcConfigurer coveyDashboard() {
        return new WebMvcConfigurer() {
            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                registry.addResourceHandler("/index.html", "/dashboard.css").addResourceLocations("classpath:/covey-dashboard/");
                // A pattern's ** part is what is looked up, so the scripts need their own folder as location.
                registry.addResourceHandler("/js/**").addResourceLocations("classpath:/covey-dashboard/js/");
            }

            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addViewController("/").setViewName("forward:/index.html");
            }
        };
    }

    /** Without a token the API would be open to anyone who can reach the port: listen on loopback only. */
    @Bean
    @ConditionalOnMissingBean(name = "coveyLoopbackWithoutToken")
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> coveyLoopbackWithoutToken(CoveyHostProperties properties) {
        return new LoopbackCustomizer(properties);
    }

    /** Problem answers for the requests Tomcat refuses itself; only where Tomcat is the server. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    static class TomcatProblemsConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "coveyTomcatProblems")
        TomcatProblemCustomizer coveyTomcatProblems() {
            return new TomcatProblemCustomizer();
        }
    }

    static final class LoopbackCustomizer implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {
        private final CoveyHostProperties properties;

        LoopbackCustomizer(CoveyHostProperties properties) {
            this.properties = properties;
        }

        @Override
        public void customize(ConfigurableWebServerFactory factory) {
            if (properties.hasApiToken()) {
                return;
            }
            if (factory instanceof AbstractConfigurableWebServerFactory configurable && configurable.getAddress() != null
                    && !configurable.getAddress().isLoopbackAddress()) {
                throw new IllegalStateException("server.address is " + configurable.getAddress().getHostAddress()
                        + " but covey.host.api-token is not set: set a token (env COVEY_API_TOKEN) to listen beyond loopback");
            }
            factory.setAddress(InetAddress.getLoopbackAddress());
            LOG.log(System.Logger.Level.WARNING, "covey.host.api-token is not set: the host listens on "
                    + InetAddress.getLoopbackAddress().getHostAddress() + " only; set COVEY_API_TOKEN to serve other machines");
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
