package io.covey.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code ~/.config/covey/config} (or {@code $XDG_CONFIG_HOME/covey/config}, or
 * {@code $COVEY_CONFIG}): {@code host=} and {@code token=} lines. A missing file is no error; a
 * token in a file others can read draws a warning, as ssh does for its keys.
 */
record CliConfig(String host, String token) {
    private static final Set<String> KEYS = Set.of("host", "token");

    static CliConfig load(Map<String, String> env, Terminal terminal) {
        Path file = location(env);
        if (file == null || !Files.isRegularFile(file)) {
            return new CliConfig(null, null);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            terminal.warn("cannot read " + file + " (" + e.getMessage() + "); going on without it");
            return new CliConfig(null, null);
        }
        for (String key : properties.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                terminal.warn(file + ": unknown setting '" + key + "' is ignored (known: host, token)");
            }
        }
        String token = properties.getProperty("token");
        if (token != null && !token.isBlank() && readableByOthers(file)) {
            terminal.warn(file + " holds a token and can be read by other users: chmod 600 " + file);
        }
        return new CliConfig(properties.getProperty("host"), token);
    }

    private static Path location(Map<String, String> env) {
        String explicit = env.get("COVEY_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "covey", "config");
        }
        String home = System.getProperty("user.home");
        return home == null ? null : Path.of(home, ".config", "covey", "config");
    }

    private static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
