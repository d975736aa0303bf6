package io.covey.engine.foreign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class OutputDrainTest {

    private static RecordingCallbacks drain(byte[] bytes) {
        return drain(new ByteArrayInputStream(bytes));
    }

    private static RecordingCallbacks drain(InputStream in) {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        OutputDrain drain = new OutputDrain(in, "stdout", callbacks);
        drain.run();
        assertThat(drain.done()).isCompleted();
        return callbacks;
    }

    @Test
    void splitsLinesAtNewlinesDropsCarriageReturnsAndKeepsAnUnfinishedLastLine() {
        RecordingCallbacks callbacks = drain("one\r\ntwo\n\nthree".getBytes(StandardCharsets.UTF_8));
        assertThat(callbacks.lines("stdout")).containsExactly("one", "two", "", "three");
    }

    @Test
    void cutsLongLinesIntoPiecesOf16KiB() {
        RecordingCallbacks callbacks = drain(("y".repeat(40_000) + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(callbacks.lines("stdout")).extracting(String::length).containsExactly(16_384, 16_384, 7_232);
    }

    @Test
    void replacesInvalidUtf8AndDecodesCharactersSplitAcrossReads() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {'a', (byte) 0xc3, '(', '\n'});
        bytes.writeBytes(euro);
        bytes.write('\n');
        // One byte per read: the euro sign arrives in three pieces.
        InputStream trickle = new ByteArrayInputStream(bytes.toByteArray()) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        assertThat(drain(trickle).lines("stdout")).containsExactly("a\uFFFD(", "€");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String text = "z".repeat(16_383) + "😀" + "\n";
        RecordingCallbacks callbacks = drain(text.getBytes(StandardCharsets.UTF_8));
        assertThat(callbacks.lines("stdout")).containsExactly("z".repeat(16_383), "😀");
    }
}
