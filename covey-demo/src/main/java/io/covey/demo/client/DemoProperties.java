package io.covey.demo.client;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the demo client declares ({@code covey.demo.*}).
 *
 * @param group                 name of the demo group
 * @param countdownFrom         where the CountdownJob counts down from (one tick a second)
 * @param flakyCrashProbability chance per second that the FlakyWorker crashes
 * @param serialPort            device of the StreamSerialPortToHttp worker; empty leaves that worker out
 * @param serialBaudrate        its baud rate
 * @param serialHttpPort        TCP port the serial worker serves its stream on
 * @param serialHttpHost        host name under which the client reaches that port; empty: the Covey host's
 * @param summaryInterval       how often the whole board is printed between changes
 * @param hostWait              how long to wait for the host to answer at startup
 */
@ConfigurationProperties("covey.demo")
public record DemoProperties(String group, Integer countdownFrom, Double flakyCrashProbability, String serialPort,
                             Integer serialBaudrate, Integer serialHttpPort, String serialHttpHost,
                             Duration summaryInterval, Duration hostWait) {
    public DemoProperties {
        group = group == null || group.isBlank() ? "demo" : group;
        countdownFrom = countdownFrom == null ? 10 : countdownFrom;
        flakyCrashProbability = flakyCrashProbability == null ? 0.1 : flakyCrashProbability;
        serialPort = serialPort == null ? "" : serialPort.trim();
        serialBaudrate = serialBaudrate == null ? 115200 : serialBaudrate;
        serialHttpPort = serialHttpPort == null ? 7770 : serialHttpPort;
        serialHttpHost = serialHttpHost == null ? "" : serialHttpHost.trim();
        summaryInterval = summaryInterval == null ? Duration.ofSeconds(15) : summaryInterval;
        hostWait = hostWait == null ? Duration.ofSeconds(60) : hostWait;
    }

    public boolean hasSerialPort() {
        return !serialPort.isEmpty();
    }
}
