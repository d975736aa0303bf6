package io.covey.demo.workers;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

import com.fazecast.jSerialComm.SerialPort;
import com.sun.net.httpserver.HttpServer;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

/**
 * Opens a serial port and streams every byte it reads, unchanged, to every HTTP client connected
 * to {@code port}. RUNNING once both the port and the server are up; CRASHED when the device goes
 * away or the server cannot be started; STOPPED after closing both.
 */
@CoveyWorkerType("StreamSerialPortToHttp")
public class StreamSerialPortToHttp extends CoveyWorker<StreamSerialPortToHttp.Params> {
    /**
     * @param serialport the device, e.g. /dev/ttyUSB0
     * @param baudrate   its speed
     * @param port       the TCP port of the HTTP stream
     */
    public record Params(String serialport, int baudrate, int port) {
        public Params {
            if (serialport == null || serialport.isBlank()) {
                throw new IllegalArgumentException("serialport must name a device, e.g. /dev/ttyUSB0");
            }
            if (baudrate <= 0) {
                throw new IllegalArgumentException("baudrate must be positive, was " + baudrate);
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

    public StreamSerialPortToHttp(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws IOException {
        Params p = params();
        starting("opening " + p.serialport() + " at " + p.baudrate() + " baud");
        serial = SerialPort.getCommPort(p.serialport());
        serial.setBaudRate(p.baudrate());
        serial.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 200, 0);
        if (!serial.openPort()) {
            throw new IOException("cannot open serial port " + p.serialport() + " (error " + serial.getLastErrorCode()
                    + "): no such device, or no permission");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(p.port()), 16);
        } catch (BindException e) {
            serial.closePort();
            throw new IOException("cannot serve HTTP on port " + p.port() + ": " + e.getMessage() + " (is it in use?)", e);
        }
        server.createContext("/", broadcast::serve);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        running("streaming " + p.serialport() + " to http://0.0.0.0:" + p.port() + "/");
        pump(p);
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
                closeAll();
                throw new IOException("serial port " + p.serialport() + " went away (device unplugged?)");
            }
            if (read > 0) {
                broadcast.send(buffer, read);
            }
        }
    }

    @Override
    public void stopWorker() {
        stopping = true;
        stopping("closing " + params().serialport() + " and port " + params().port());
        closeAll();
    }

    private void closeAll() {
        HttpServer http = server;
        if (http != null) {
            broadcast.closeAll();
            http.stop(0);
            ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
        }
        SerialPort port = serial;
        if (port != null && port.isOpen()) {
            port.closePort();
        }
    }
}
