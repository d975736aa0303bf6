package io.covey.engine.foreign;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** The random values of the control channel: a launcher's epoch and each child's one-time secret. */
final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A launcher instance's id, which every child must echo in its hello. */
    static String epoch() {
        return HexFormat.of().formatHex(bytes(16));
    }

    /** A one-time secret for one child. */
    static String oneTime() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }

    private static byte[] bytes(int count) {
        byte[] random = new byte[count];
        RANDOM.nextBytes(random);
        return random;
    }
}
