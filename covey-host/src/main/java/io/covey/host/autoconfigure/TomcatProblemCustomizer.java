package io.covey.host.autoconfigure;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import io.covey.host.api.ProblemErrorReportValve;

/**
 * Requests Tomcat refuses before any servlet sees them (a NUL or an encoded '/' in the path, an
 * over-long request line) still get a problem+json answer; and a long path reaches the API, which
 * explains what a valid name is.
 */
public final class TomcatProblemCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
        factory.addConnectorCustomizers(connector -> connector.setProperty("maxHttpRequestHeaderSize", String.valueOf(64 * 1024)));
    }
}
