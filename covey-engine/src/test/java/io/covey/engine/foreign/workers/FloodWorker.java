package io.covey.engine.foreign.workers;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.Arrays;

import io.covey.core.worker.CoveyWorker;

/**
 * Floods its output: {@code no-newline} writes {@code megabytes} MiB of 'x' to stdout without a
 * single newline; {@code alternate} writes lines of 1 KiB (1023 chars and a newline), alternating
 * stdout and stderr, for {@code megabytes} MiB in all.
 */
public class FloodWorker extends CoveyWorker<FloodWorker.Params> {
    public record Params(String mode, int megabytes) {
    }

    public FloodWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws IOException {
        running("flooding");
        long total = params().megabytes() * 1024L * 1024L;
        try (FileOutputStream out = new FileOutputStream(FileDescriptor.out);
             FileOutputStream err = new FileOutputStream(FileDescriptor.err)) {
            if (params().mode().equals("no-newline")) {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'x');
                for (long written = 0; written < total; written += chunk.length) {
                    out.write(chunk);
                }
            } else {
                byte[] outLine = line('o');
                byte[] errLine = line('e');
                for (long written = 0, i = 0; written < total; written += 1024, i++) {
                    (i % 2 == 0 ? out : err).write(i % 2 == 0 ? outLine : errLine);
                }
            }
        }
        completed(total);
    }

    private static byte[] line(char c) {
        byte[] line = new byte[1024];
        Arrays.fill(line, (byte) c);
        line[1023] = '\n';
        return line;
    }
}
