package io.covey.demo.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.covey.core.spec.RestartPolicy;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;
import io.covey.demo.workers.CountdownJob;
import io.covey.demo.workers.FlakyWorker;
import io.covey.demo.workers.StreamSerialPortToHttp;

/** The demo group's declaration: a job, a flaky service, and the serial bridge when a device is given. */
final class DemoGroup {
    static final String COUNTDOWN = "countdown";
    static final String FLAKY = "flaky";
    static final String SERIAL = "serial";

    private DemoGroup() {
    }

    static List<WorkerSpec> workers(DemoProperties properties) {
        List<WorkerSpec> workers = new ArrayList<>();
        workers.add(WorkerSpec.of("CountdownJob", new CountdownJob.Params(properties.countdownFrom(), 1000L))
                .withId(COUNTDOWN)
                .withOptions(WorkerOptions.NONE.withRestart(RestartPolicy.ON_CRASH)));
        // Short backoff and a generous limit, so the restarts stay visible for a while before
        // the worker is given up on.
        workers.add(WorkerSpec.of("FlakyWorker", new FlakyWorker.Params(properties.flakyCrashProbability()))
                .withId(FLAKY)
                .withOptions(WorkerOptions.NONE
                        .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(16), 0.2, Duration.ofMinutes(1))
                        .withRestartLimit(30, Duration.ofMinutes(10))));
        if (properties.hasSerialPort()) {
            // Unplugging the device is a crash; retry briskly and long, so plugging it back in resumes.
            workers.add(WorkerSpec.of("StreamSerialPortToHttp", new StreamSerialPortToHttp.Params(
                            properties.serialPort(), properties.serialBaudrate(), properties.serialHttpPort()))
                    .withId(SERIAL)
                    .withOptions(WorkerOptions.NONE
                            .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(5), 0.2, Duration.ofMinutes(1))
                            .withRestartLimit(100, Duration.ofMinutes(10))));
        }
        return workers;
    }
}
