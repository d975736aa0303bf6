package io.covey.engine.foreign;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.covey.core.protocol.ChildEnvironment;
import io.covey.engine.launch.LaunchRequest;
import io.covey.child.ChildMain;
import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.spec.WorkerOptions;

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
        return of(settings, List.of(request.type().workerClass()), request.attemptId().toString(),
                hostEnvironment, channelEnvironment, workerJvmOptions(request.options()));
    }

    /**
     * What a worker's own options add after the host's: its {@code jvmOptions}, then {@code -Xmx} of its
     * {@code maxHeap} (the JVM takes the last of repeated options, so the worker's win).
     */
    static List<String> workerJvmOptions(WorkerOptions options) {
        List<String> added = new ArrayList<>();
        if (options.jvmOptions() != null) {
            added.addAll(options.jvmOptions());
        }
        if (options.maxHeap() != null) {
            added.add("-Xmx" + options.maxHeap().text());
        }
        return added;
    }

    static ChildCommand of(ChildLaunchSettings settings, Collection<Class<?>> workerClasses, String label,
                           Map<String, String> hostEnvironment, Map<String, String> channelEnvironment) throws IOException {
        return of(settings, workerClasses, label, hostEnvironment, channelEnvironment, List.of());
    }

    /**
     * @param label what {@code ps} shows as {@code -Dcovey.worker}: {@code id#attempt}, or {@code warm#slot} for a
     *              child of the warm pool (which keeps that label after it is given a worker)
     */
    static ChildCommand of(ChildLaunchSettings settings, Collection<Class<?>> workerClasses, String label,
                           Map<String, String> hostEnvironment, Map<String, String> channelEnvironment,
                           List<String> workerOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary(settings).toString());
        command.addAll(settings.jvmOptions());
        command.addAll(workerOptions);
        command.add("-Dcovey.worker=" + label);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, ChildClassPath.of(settings, workerClasses)));
        command.add(ChildMain.class.getName());
        return new ChildCommand(List.copyOf(command), environment(settings, hostEnvironment, channelEnvironment));
    }

    static Path javaBinary(ChildLaunchSettings settings) {
        return settings.javaBinary() != null ? settings.javaBinary() : Path.of(System.getProperty("java.home"), "bin", "java");
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
