package io.covey.engine.foreign;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.protocol.ChildEnvironment;
import io.covey.core.protocol.ControlAddress;
import io.covey.engine.launch.LaunchRequest;

/**
 * What every child of one launcher shares: how it is started ({@code settings}), what it may
 * inherit ({@code hostEnvironment}, filtered by the allow-list), and whose it is ({@code epoch},
 * which its hello must echo). Builds the command of a cold child and of a warm one.
 */
record ChildTemplate(ChildLaunchSettings settings, Map<String, String> hostEnvironment, String epoch) {
    ChildTemplate {
        hostEnvironment = Map.copyOf(hostEnvironment);
    }

    /** A child that runs {@code request} from its start. */
    ChildCommand cold(LaunchRequest request, String secret, ControlAddress address) throws IOException {
        Map<String, String> channel = channel(secret, address);
        channel.put(ChildEnvironment.WORKER_ID, request.workerId());
        channel.put(ChildEnvironment.ATTEMPT, Integer.toString(request.attempt()));
        return ChildCommand.of(settings, request, hostEnvironment, channel);
    }

    /**
     * A child of the warm pool, which waits for its worker.
     *
     * @param workerClasses the classes whose origins its class path holds; null gives it the host's class path
     * @param warmClasses   the worker classes it loads while it waits, comma-separated
     */
    ChildCommand warm(long slot, String name, Collection<Class<?>> workerClasses, String warmClasses, String secret,
                      ControlAddress address) throws IOException {
        Map<String, String> channel = channel(secret, address);
        channel.put(ChildEnvironment.WARM_SLOT, Long.toString(slot));
        channel.put(ChildEnvironment.WARM_CLASSES, warmClasses);
        return ChildCommand.of(settings, workerClasses, name, hostEnvironment, channel);
    }

    private Map<String, String> channel(String secret, ControlAddress address) {
        Map<String, String> channel = new HashMap<>();
        channel.put(ChildEnvironment.CONTROL_ADDRESS, address.text());
        channel.put(ChildEnvironment.SECRET, secret);
        channel.put(ChildEnvironment.EPOCH, epoch);
        channel.put(ChildEnvironment.MAX_MESSAGE_BYTES, Integer.toString(settings.maxMessageBytes()));
        return channel;
    }
}
