package io.covey.bench.peers;

import java.nio.file.Path;
import java.util.Map;

import io.covey.bench.report.Results;

/** Installs the peers the run was asked to compare with: supervisord from Debian, PM2 from npm. */
public final class PeerInstaller {
    private PeerInstaller() {
    }

    public static void ensureInstalled(Path log, Results results) {
        if (!Supervisord.available()) {
            install(log, results, "supervisord", "sh", "-c", "apt-get update -q && apt-get install -y -q supervisor");
        }
        if (!Pm2.available()) {
            install(log, results, "pm2", "npm", "install", "-g", "pm2");
        }
    }

    private static void install(Path log, Results results, String what, String... command) {
        System.out.println("[bench] installing " + what + ": " + String.join(" ", command));
        try {
            Shell.run(Map.of("DEBIAN_FRONTEND", "noninteractive"), log, command);
        } catch (Exception e) {
            results.note("could not install " + what + " (" + e.getMessage() + "); it is left out of this run");
        }
    }

    /** The installed version, for the notes. */
    public static String version(String... command) {
        try {
            return Shell.run(Map.of(), null, command).trim().lines().reduce((a, b) -> b).orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }
}
