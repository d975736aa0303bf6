package io.covey.bench.host;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.covey.bench.BenchConfig;
import io.covey.bench.report.Results;
import io.covey.bench.report.Row;
import io.covey.bench.report.Stats;

/** The WebSocket fan-out: one in-process worker publishes as fast as it can; each subscriber's rate and p99. */
final class Fanout {
    private final BenchConfig config;
    private final Results results;

    Fanout(BenchConfig config, Results results) {
        this.config = config;
        this.results = results;
    }

    void run(HostProcess host) throws Exception {
        int events = config.wsEvents();
        List<FanoutSubscriber> subscribers = new ArrayList<>();
        try {
            for (int i = 0; i < config.wsSubscribers(); i++) {
                FanoutSubscriber subscriber = new FanoutSubscriber(events);
                subscriber.connect(host.port(), "fanout");
                subscribers.add(subscriber);
            }
            long start = System.nanoTime();
            host.put("/api/v1/groups/fanout", "{\"workers\":[{\"type\":\"PublisherWorker\",\"params\":{\"count\":" + events
                    + ",\"run\":\"r" + start + "\"}}]}");
            try {
                CompletableFuture.allOf(subscribers.stream().map(FanoutSubscriber::done).toArray(CompletableFuture[]::new))
                        .get(180, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                results.note("WebSocket fan-out: not every subscriber received all " + events + " events within 180 s");
            }
            List<Double> rates = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            List<Double> p50 = new ArrayList<>();
            for (FanoutSubscriber s : subscribers) {
                rates.add(s.rate());
                p99.add(s.p99Millis());
                p50.add(s.p50Millis());
                if (s.received() < events || s.closedWith() != null) {
                    results.note("WebSocket subscriber received " + s.received() + " of " + events
                            + (s.closedWith() == null ? "" : "; closed: " + s.closedWith()));
                }
            }
            int n = subscribers.size();
            results.add(new Row("WebSocket fan-out: events/s per subscriber (" + n + " subscribers, " + events + " events)",
                    "events/s", rates, null, Double.NaN, "≥ 50,000 each", new Stats(rates).min() >= 50_000,
                    "one sample per subscriber: received / (first publication to last receipt)"));
            results.add(new Row("WebSocket fan-out: p99 publish-to-receive per subscriber", "ms", p99, null, Double.NaN,
                    "< 50 ms", new Stats(p99).max() < 50, "one sample per subscriber; median latencies: " + Results.list(p50)));
        } finally {
            subscribers.forEach(FanoutSubscriber::close);
        }
    }
}
