package io.covey.engine.testworkers;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;

/**
 * Says every string a WebSocket or a JSON parser might choke on, through every way a worker has:
 * status messages, log lines, published keys and values, its result, and (with {@code rawStdout})
 * bytes on stdout that are no UTF-8 at all. A {@code job} then completes; otherwise it keeps
 * running until stopped.
 */
public final class NastyTextWorker extends CoveyWorker<NastyTextWorker.Params> {
    public record Params(boolean job, boolean rawStdout) {
    }

    /** A 16 KiB+ line whose first cut would fall in the middle of a surrogate pair. */
    public static final String LONG_LINE = "y".repeat(16 * 1024 - 1) + "\uD83D\uDE00" + "z".repeat(5000) + "\uD800";

    public static final List<String> NASTY = List.of(
            "high \uD800 alone", "low \uDC00 alone", "ends high \uDBFF", "\uDFFF starts low", "pair reversed \uDC00\uD800",
            "nul \u0000 inside", "ansi \u001B[31mred\u001B[0m", "osc \u001B]0;title\u0007 bell", "bare \r cr",
            "del \u007F and c1 \u0085", "bom \uFEFF", "noncharacter \uFFFF", LONG_LINE);

    /** Bytes written straight to fd 1: invalid, overlong, an encoded surrogate, a stray continuation byte. */
    public static final byte[] RAW_STDOUT = {'r', 'a', 'w', ' ', (byte) 0xC0, (byte) 0x80, ' ', (byte) 0xE0, (byte) 0x80,
            (byte) 0xAF, ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80, ' ', (byte) 0xFF, ' ', (byte) 0x80, ' ', 'e', 'n', 'd', '\n'};

    private final CountDownLatch stop = new CountDownLatch(1);

    public NastyTextWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws IOException, InterruptedException {
        starting("starting \uD800");
        for (String text : NASTY) {
            log(text);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("key\u0000\uD800", 1);
        data.put("\uDC00", NASTY);
        data.put("plain", "value \uDBFF\u0000\u001B[2J");
        publish(data);
        if (params().rawStdout()) {
            FileOutputStream out = new FileOutputStream(FileDescriptor.out);
            out.write(RAW_STDOUT);
            out.flush();
        }
        running("running \uDC00 \u0000 \u001B[1m");
        log("after running");
        if (params().job()) {
            completed(Map.of("result \uD800", List.of("\uDFFF", "\u0000")));
            return;
        }
        stop.await();
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }
}
