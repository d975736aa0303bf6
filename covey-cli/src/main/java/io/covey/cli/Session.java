package io.covey.cli;

import java.time.Duration;
import java.util.Map;

import io.covey.client.CoveyClient;
import io.covey.client.CoveyClientSettings;

/**
 * What every command talks through: the client for the host and the terminal. The host comes
 * from {@code --host}, {@code COVEY_HOST} or the config file; the token from
 * {@code COVEY_API_TOKEN} or the config file, never from the command line, where other users
 * of the machine could read it in the process list.
 */
public final class Session implements AutoCloseable {
    public static final String DEFAULT_HOST = "http://127.0.0.1:7700";

    private final CoveyClient client;
    private final Terminal terminal;
    private final Duration timeout;

    private Session(CoveyClient client, Terminal terminal, Duration timeout) {
        this.client = client;
        this.terminal = terminal;
        this.timeout = timeout;
    }

    static Session open(String hostOption, Duration timeout, boolean noColor) {
        Map<String, String> env = System.getenv();
        Terminal terminal = Terminal.system(noColor || env.containsKey("NO_COLOR"));
        CliConfig config = CliConfig.load(env, terminal);
        String host = firstOf(hostOption, env.get("COVEY_HOST"), config.host(), DEFAULT_HOST);
        String token = firstOf(env.get("COVEY_API_TOKEN"), config.token(), "");
        CoveyClientSettings settings;
        try {
            settings = CoveyClientSettings.of(host).withToken(token).withTimeouts(timeout, timeout)
                    .withReconnect(Duration.ofMillis(200), Duration.ofSeconds(5));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE,
                    "--host must be the host's http(s) URL, e.g. " + DEFAULT_HOST + ", but was '" + host + "'");
        }
        return new Session(new CoveyClient(settings), terminal, timeout);
    }

    public CoveyClient client() {
        return client;
    }

    public Terminal terminal() {
        return terminal;
    }

    /** The --timeout: how long one call may take. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public void close() {
        client.close();
        terminal.flush();
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return "";
    }
}
