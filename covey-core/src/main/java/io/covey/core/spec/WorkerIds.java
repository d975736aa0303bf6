package io.covey.core.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.covey.core.json.CoveyJson;
import tools.jackson.databind.JsonNode;

/**
 * Deterministic worker ids: the same type and params give the same id on every host and every
 * run, so a repeated declaration finds the workers it declared before.
 */
public final class WorkerIds {
    private static final int HASH_CHARS = 12;
    private static final int MAX_TYPE_CHARS = 128 - HASH_CHARS - 1;

    private WorkerIds() {
    }

    /** {@code <type>-<first 12 hex digits of SHA-256 over the canonical params>}. */
    public static String derive(String type, JsonNode params) {
        String prefix = type.length() > MAX_TYPE_CHARS ? type.substring(0, MAX_TYPE_CHARS) : type;
        return prefix + "-" + sha256(CoveyJson.canonicalText(params)).substring(0, HASH_CHARS);
    }

    /**
     * The id of instance {@code index} of the declaration whose id is {@code baseId}:
     * {@code <baseId>-<index>}, so instances sort and read as a family ({@code web-0}, {@code web-1}).
     */
    public static String instance(String baseId, int index) {
        return baseId + "-" + index;
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
