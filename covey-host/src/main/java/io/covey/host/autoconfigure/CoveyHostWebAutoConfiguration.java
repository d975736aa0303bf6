package io.covey.host.autoconfigure;

import java.net.InetAddress;
import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

import io.covey.host.api.EventTicketsController;
import io.covey.host.api.EventsController;
import io.covey.host.api.GroupsController;
import io.covey.host.api.JsonBodyReader;
import io.covey.host.api.ProblemErrorController;
import io.covey.host.api.ProblemResponses;
import io.covey.host.api.WorkersController;
import io.covey.engine.CoveyManager;
import io.covey.host.events.EventStreamHandler;
import io.covey.host.security.BearerTokenFilter;
import io.covey.host.security.EventTicketStore;

/** The HTTP face of the host: REST API, event stream, token guard, loopback default, the dashboard. */
@AutoConfiguration(after = CoveyHostAutoConfiguration.class,
        beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(CoveyManager.class)
@Import({GroupsController.class, WorkersController.class, EventsController.class, EventTicketsController.class,
        ProblemResponses.class, ProblemErrorController.class})
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
    EventTicketStore coveyEventTicketStore(CoveyHostProperties properties) {
        CoveyHostProperties.Events events = properties.getEvents();
        return new EventTicketStore(events.getTicketTimeToLive(), events.getMaxTickets(), Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<BearerTokenFilter> coveyBearerTokenFilter(CoveyHostProperties properties, EventTicketStore tickets) {
        FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(
                new BearerTokenFilter(properties.getApiToken(), tickets));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    EventStreamHandler coveyEventStreamHandler(CoveyManager manager, CoveyHostProperties properties) {
        CoveyHostProperties.Events events = properties.getEvents();
        return new EventStreamHandler(manager, events.getMaxSessions(), events.getSendTimeLimit(),
                (int) events.getSendBufferSize().toBytes());
    }

    /**
     * The dashboard (docs/DASHBOARD.md) at {@code /}, from {@code covey-dashboard/} in this jar
     * rather than {@code static/}, so that an application embedding the host keeps its own static
     * content and welcome page, and can turn the dashboard off.
     */
    @Bean
    @ConditionalOnProperty(prefix = "covey.host.dashboard", name = "enabled", matchIfMissing = true)
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

    @Bean
    WebSocketConfigurer coveyEventStreamEndpoint(EventStreamHandler handler, CoveyHostProperties properties) {
        return registry -> registry.addHandler(handler, "/ws/events")
                .setAllowedOrigins(properties.getEvents().getAllowedOrigins().toArray(String[]::new));
    }

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> coveyTomcatProblems() {
        return new TomcatProblemCustomizer();
    }

    /** Without a token the API would be open to anyone who can reach the port: listen on loopback only. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> coveyLoopbackWithoutToken(CoveyHostProperties properties) {
        return new LoopbackCustomizer(properties);
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
