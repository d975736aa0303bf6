package io.covey.engine.foreign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.covey.core.protocol.ControlChannel;

/**
 * A child the control server waits for: the name its refusals use, the one-time secret its hello
 * must carry, its pid once it is spawned, and what serves its channel once the hello checked out.
 * The first hello that passes claims the secret: a secret works once.
 */
final class ExpectedChild {
    private final String name;
    private final String secret;
    private final Consumer<ControlChannel> serve;
    private final Consumer<String> onRefused;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private volatile Long pid;

    /**
     * @param name      how refusals name the child: {@code child id#attempt}, {@code warm#slot}
     * @param serve     serves the channel once the hello passed, on the connection's thread
     * @param onRefused told why a connection that claimed to be this child was refused
     */
    ExpectedChild(String name, String secret, Consumer<ControlChannel> serve, Consumer<String> onRefused) {
        this.name = name;
        this.secret = secret;
        this.serve = serve;
        this.onRefused = onRefused;
    }

    String secret() {
        return secret;
    }

    /** The child's process exists: from now on a hello must come from it. */
    void spawned(long processId) {
        pid = processId;
    }

    /** Why a hello with this secret from this pid is refused, or null when it passed (and claimed the secret). */
    String admit(String helloSecret, long helloPid) {
        if (!MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), helloSecret.getBytes(StandardCharsets.UTF_8))) {
            return "wrong secret for " + name;
        }
        Long expectedPid = pid;
        if (expectedPid != null && expectedPid != helloPid) {
            return name + " is process " + expectedPid + ", not " + helloPid;
        }
        if (!claimed.compareAndSet(false, true)) {
            return name + " is already connected; a secret works once";
        }
        return null;
    }

    void serve(ControlChannel channel) {
        serve.accept(channel);
    }

    void refused(String reason) {
        onRefused.accept(reason);
    }
}
