package io.covey.host.engine.foreign;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.covey.core.protocol.ChildEnvironment;
import io.covey.host.engine.launch.LaunchRequest;
import io.covey.worker.child.ChildMain;
import io.covey.worker.launch.ChildLaunchSettings;

/**
 * The command line and environment of one child JVM. The command line holds nothing secret and
 * no params (every user can read it in {@code ps}); the secret is in the environment, which only
 * the same user can read; the params go over the control channel.
 */
record ChildCommand(List<String> command, Map<String, String> environment) {
    /** Never passed on: the host's own API token is no business of its workers. */
    static final String API_TOKEN = "COVEY_API_TOKEN";

    static ChildCommand of(ChildLaunchSettings settings, LaunchRequest request, Map<String, String> hostEnvironment,
                           Map<String, String> channelEnvironment) throws IOException {
        return of(settings, request.workerId() + "#" + request.attempt(), hostEnvironment, channelEnvironment);
    }

    /**
     * @param label what {@code ps} shows as {@code -Dcovey.worker}: {@code id#attempt}, or {@code warm#slot} for a
     *              child of the warm pool (which keeps that label after it is given a worker)
     */
    static ChildCommand of(ChildLaunchSettings settings, String label, Map<String, String> hostEnvironment,
                           Map<String, String> channelEnvironment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary(settings).toString());
        command.addAll(settings.jvmOptions());
        command.add("-Dcovey.worker=" + label);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath(settings)));
        command.add(ChildMain.class.getName());
        return new ChildCommand(List.copyOf(command), environment(settings, hostEnvironment, channelEnvironment));
    }

    static Path javaBinary(ChildLaunchSettings settings) {
        return settings.javaBinary() != null ? settings.javaBinary() : Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static List<String> classPath(ChildLaunchSettings settings) throws IOException {
        List<String> entries = new ArrayList<>();
        if (settings.classPath().isEmpty()) {
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        } else {
            entries.addAll(settings.classPath());
        }
        entries.addAll(settings.extraClassPath());
        if (settings.workerPath() != null) {
            List<String> jars = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(settings.workerPath(), "*.jar")) {
                stream.forEach(jar -> jars.add(jar.toAbsolutePath().toString()));
            } catch (IOException e) {
                throw new IOException("cannot list the jars of workerPath " + settings.workerPath() + ": " + e.getMessage(), e);
            }
            jars.sort(null);
            entries.addAll(jars);
        }
        return entries;
    }

    private static Map<String, String> environment(ChildLaunchSettings settings, Map<String, String> host,
                                                   Map<String, String> channel) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : settings.environmentAllowList()) {
            String value = host.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        host.forEach((name, value) -> {
            if (name.startsWith("COVEY_") && !name.equals(API_TOKEN) && !ChildEnvironment.isReserved(name)) {
                env.put(name, value);
            }
        });
        env.putAll(channel);
        return env;
    }
}
