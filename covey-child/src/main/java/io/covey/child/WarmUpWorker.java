package io.covey.child;

import java.util.List;
import java.util.Map;

import io.covey.core.worker.CoveyWorker;

/**
 * Not a worker type to declare: {@link WarmUp} builds and runs it once in a warm child so that the
 * manifest, the params conversion and the reporting calls are loaded before a real worker needs
 * them. Public only because the manifest builds workers through their public constructors.
 */
public final class WarmUpWorker extends CoveyWorker<WarmUpWorker.Params> {
    public record Params(String name, int count, List<Boolean> flags, Map<String, Double> nested) {
    }

    public WarmUpWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() {
        running("warm " + params().name());
        log("count " + params().count());
    }

    @Override
    public void stopWorker() {
    }
}
