package io.covey.demo.workers;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The device a serial worker was given, symbolic links resolved. A worker must never report
 * RUNNING on a device it was not given: jSerialComm falls back to {@code /dev/<name>} for a path
 * that does not exist, so a socat link named {@code tty1} that vanished would open the console.
 */
final class SerialDevice {
    private SerialDevice() {
    }

    /** The real path of {@code given}; an IOException naming it when it (or a link's target) is not there. */
    static Path resolve(String given) throws IOException {
        try {
            return Path.of(given).toRealPath();
        } catch (NoSuchFileException e) {
            throw new IOException("serial device " + given + " is not there (unplugged, or a link whose target is gone)", e);
        }
    }

    /** Fails, naming both, when {@code actual} is not the device {@code given} resolved to. */
    static void requireSame(String given, Path device, String actual, String verb) throws IOException {
        if (actual == null || !Path.of(actual).equals(device)) {
            throw new IOException("serial device " + given + " is " + device + ", but the port " + verb + " " + actual
                    + "; refusing to use a device it was not given");
        }
    }
}
