package io.covey.demo.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialDeviceTest {
    @TempDir
    Path dir;

    @Test
    void resolvesLinksToTheDeviceItself() throws Exception {
        Path device = Files.createFile(dir.resolve("pts-7"));
        Path link = Files.createSymbolicLink(dir.resolve("ttyUSB0"), device);

        assertThat(SerialDevice.resolve(link.toString())).isEqualTo(device.toRealPath());
    }

    @Test
    void aMissingDeviceOrADanglingLinkIsAnErrorNamingIt() throws Exception {
        Path dangling = Files.createSymbolicLink(dir.resolve("tty1"), dir.resolve("gone"));

        assertThatThrownBy(() -> SerialDevice.resolve(dangling.toString())).isInstanceOf(IOException.class)
                .hasMessage("serial device " + dangling + " is not there (unplugged, or a link whose target is gone)");
        assertThatThrownBy(() -> SerialDevice.resolve(dir.resolve("ttyNone").toString())).isInstanceOf(IOException.class)
                .hasMessageContaining("serial device " + dir.resolve("ttyNone") + " is not there");
    }

    @Test
    void anotherDeviceThanTheOneGivenIsRefused() {
        assertThatThrownBy(() -> SerialDevice.requireSame("/tmp/x/tty1", Path.of("/dev/pts/4"), "/dev/tty1", "would open"))
                .isInstanceOf(IOException.class)
                .hasMessage("serial device /tmp/x/tty1 is /dev/pts/4, but the port would open /dev/tty1;"
                        + " refusing to use a device it was not given");
    }
}
