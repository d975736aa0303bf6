package io.covey.host.security;

import java.util.List;

/**
 * Which Actuator paths need the token: every one under the base path except those of the public
 * endpoints (an endpoint's own path and the paths below it, e.g. {@code /actuator/health/readiness}).
 * Health, public by default, shows only its status to a caller without the token
 * ({@code management.endpoint.health.show-details=when-authorized}).
 */
public record ActuatorPaths(String basePath, List<String> publicEndpoints) {
    /** For a filter that guards no Actuator path. */
    public static final ActuatorPaths NONE = new ActuatorPaths(null, List.of());

    public ActuatorPaths {
        basePath = basePath == null ? null : basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        publicEndpoints = List.copyOf(publicEndpoints);
    }

    boolean needsToken(String path) {
        if (basePath == null || !(path.equals(basePath) || path.startsWith(basePath + "/"))) {
            return false;
        }
        String rest = path.substring(basePath.length());
        for (String endpoint : publicEndpoints) {
            String own = "/" + endpoint;
            if (rest.equals(own) || rest.startsWith(own + "/")) {
                return false;
            }
        }
        return true;
    }
}
