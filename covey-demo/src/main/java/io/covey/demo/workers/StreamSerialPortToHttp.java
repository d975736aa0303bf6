package io.covey.demo.workers;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import com.sun.net.httpserver.HttpServer;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;
import io.covey.core.worker.WorkerInput;

/**
 * Opens a serial port and streams every byte it reads, unchanged, to every HTTP client connected
 * to {@code port}. RUNNING once both the port and the server are up; CRASHED when the device goes
 * away or either cannot be opened; STOPPED after closing both. Two-way: input sent to it
 * ({@code POST /api/v1/workers/{id}/input}, bytes as {@code application/octet-stream}, or JSON,
 * whose string value or text is written as UTF-8) is written to the serial port, unchanged, in
 * the order sent.
 */
@CoveyWorkerType("StreamSerialPortToHttp")
public class StreamSerialPortToHttp extends CoveyWorker<StreamSerialPortToHttp.Params> {
    /**
     * Malformed params (no device named, a TCP port outside 1..65535) are refused when declared.
     * The baud rate is checked when the port is configured, like the device itself would, so a
     * wrong one is a crash that names it (as the issue asks), not a refused declaration.
     *
     * @param serialport the device, e.g. /dev/ttyUSB0 (a symbolic link is followed at each start, and a device
     *                   that is not there is a crash naming it: never another device of a similar name)
     * @param baudrate   its speed
     * @param port       the TCP port of the HTTP stream
     */
    public record Params(String serialport, int baudrate, int port) {
        public Params {
            if (serialport == null || serialport.isBlank()) {
                throw new IllegalArgumentException("serialport must name a device, e.g. /dev/ttyUSB0");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
            }
        }
    }

    private final ByteBroadcast broadcast = new ByteBroadcast();
    private volatile SerialPort serial;
    private volatile HttpServer server;
    private volatile boolean stopping;
    private volatile Path openedDevice;

    public StreamSerialPortToHttp(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws IOException {
        Params p = params();
        starting("opening " + p.serialport() + " at " + p.baudrate() + " baud");
        try {
            serial = openSerial(p);
            server = openServer(p);
        } catch (IOException | RuntimeException e) {
            closeAll();
            throw e;
        }
        running("streaming " + p.serialport() + (openedDevice.toString().equals(p.serialport()) ? "" : " (" + openedDevice + ")")
                + " to http://0.0.0.0:" + p.port() + "/");
        pump(p);
        closeAll();
        stopped("closed " + p.serialport() + " and port " + p.port());
    }

    private SerialPort openSerial(Params p) throws IOException {
        if (p.baudrate() <= 0) {
            throw new IllegalArgumentException("baudrate must be positive, was " + p.baudrate());
        }
        Path device = SerialDevice.resolve(p.serialport());
        SerialPort port;
        try {
            // The resolved path, not the name: jSerialComm tries /dev/<name> for a name that does not
            // exist, and a vanished link named tty1 would open the console.
            port = SerialPort.getCommPort(device.toString());
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no serial port " + p.serialport() + " (" + device + "): no such device (unplugged?)", e);
        }
        SerialDevice.requireSame(p.serialport(), device, port.getSystemPortPath(), "would open");
        port.setBaudRate(p.baudrate());
        // Semi-blocking reads return what has arrived within 200 ms, so bytes go out as they come.
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 200, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + p.serialport() + " (errno " + port.getLastErrorCode()
                    + "): no such device, in use, or no permission");
        }
        try {
            // The link may have moved between resolving and opening (a device replugged meanwhile).
            SerialDevice.requireSame(p.serialport(), device, SerialDevice.resolve(p.serialport()).toString(), "now points to");
        } catch (IOException e) {
            port.closePort();
            throw e;
        }
        openedDevice = device;
        return port;
    }

    private HttpServer openServer(Params p) throws IOException {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(p.port()), 16);
        } catch (BindException e) {
            throw new IOException("cannot serve HTTP on port " + p.port() + ": " + e.getMessage() + " (is it in use?)", e);
        }
        http.createContext("/", broadcast::serve);
        // One thread per connected client: each blocks writing its own stream.
        http.setExecutor(Executors.newCachedThreadPool());
        http.start();
        return http;
    }

    /** Reads the port until it goes away or the worker is stopped. */
    private void pump(Params p) throws IOException {
        byte[] buffer = new byte[4096];
        while (!stopping) {
            int read = serial.readBytes(buffer, buffer.length);
            if (read < 0 || !serial.isOpen()) {
                if (stopping) {
                    return;
                }
                // A vanished device reads as an error (EIO) while the port still counts as open.
                int errno = serial.getLastErrorCode();
                closeAll();
                throw new IOException("serial port " + p.serialport() + " went away (errno " + errno + "; device unplugged?)");
            }
            if (read > 0) {
                broadcast.send(buffer, read);
            }
        }
    }

    /** Writes the input's bytes to the serial port; a write the port does not take within 5 s fails this input only. */
    @Override
    protected void onInput(WorkerInput input) throws IOException, InterruptedException {
        SerialPort port = serial;
        if (port == null || !port.isOpen()) {
            throw new IOException("serial port " + params().serialport() + " is not open");
        }
        byte[] bytes = input.bytes();
        int written = 0;
        long deadline = System.nanoTime() + WRITE_LIMIT_NANOS;
        while (written < bytes.length) {
            byte[] rest = written == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, written, bytes.length);
            int now = port.writeBytes(rest, rest.length);
            if (now < 0) {
                throw new IOException("cannot write to serial port " + params().serialport() + " (errno " + port.getLastErrorCode() + ")");
            }
            written += now;
            if (now == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("serial port " + params().serialport() + " took " + written + " of " + bytes.length
                            + " bytes within 5s");
                }
                Thread.sleep(5); // the device's output buffer is full: let it drain
            }
        }
    }

    private static final long WRITE_LIMIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    @Override
    public void stopWorker() {
        stopping = true;
        stopping("closing " + params().serialport() + " and port " + params().port());
        closeAll();
    }

    private synchronized void closeAll() {
        HttpServer http = server;
        if (http != null) {
            server = null;
            broadcast.closeAll();
            http.stop(0);
            ((ExecutorService) http.getExecutor()).shutdownNow();
        }
        SerialPort port = serial;
        if (port != null && port.isOpen()) {
            port.closePort();
        }
    }
}
