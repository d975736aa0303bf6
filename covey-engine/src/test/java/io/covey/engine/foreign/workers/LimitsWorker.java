package io.covey.engine.foreign.workers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.covey.core.worker.CoveyWorker;

/**
 * Misbehaves against the limits on request: {@code heap} completes with the JVM's max heap;
 * {@code grow} keeps allocating and touching memory it holds on to (its resident size grows about
 * {@code stepMb} every 50 ms) until it is stopped; {@code oom} allocates until the heap is full;
 * {@code forever} runs until stopped; {@code failed} reports failed(); {@code exit} halts with {@code code}.
 */
public class LimitsWorker extends CoveyWorker<LimitsWorker.Params> {
    public record Params(String mode, int stepMb, int code) {
    }

    private final List<byte[]> held = new ArrayList<>();
    private volatile boolean stop;

    public LimitsWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws Exception {
        switch (params().mode()) {
            case "heap" -> completed(Map.of("maxHeap", Runtime.getRuntime().maxMemory()));
            case "failed" -> failed("params cannot work: no such account");
            case "exit" -> {
                running("about to exit " + params().code());
                System.out.flush();
                Runtime.getRuntime().halt(params().code());
            }
            case "oom" -> {
                running("filling the heap");
                while (true) {
                    held.add(new byte[1024 * 1024]);
                }
            }
            case "grow" -> {
                running("growing");
                while (!stop) {
                    byte[] block = new byte[params().stepMb() * 1024 * 1024];
                    for (int i = 0; i < block.length; i += 4096) {
                        block[i] = 1; // touched: resident, not only reserved
                    }
                    held.add(block);
                    Thread.sleep(50);
                }
                stopped("stopped after holding " + held.size() * params().stepMb() + " MiB");
            }
            default -> {
                running("running until stopped");
                while (!stop) {
                    Thread.sleep(20);
                }
                stopped("stopped");
            }
        }
    }

    @Override
    public void stopWorker() {
        stop = true;
    }
}
