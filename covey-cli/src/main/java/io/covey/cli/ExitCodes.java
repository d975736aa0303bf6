package io.covey.cli;

import io.covey.client.CoveyClientException;

/** The exit codes of {@code covey}: documented in the README and stable. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The host refused the request or the command failed. */
    public static final int FAILURE = 1;
    /** The command line was wrong (picocli's own code for usage errors). */
    public static final int USAGE = 2;
    /** The group or worker does not exist. */
    public static final int NOT_FOUND = 3;
    /** The host wants a token, or another one (401, 403). */
    public static final int UNAUTHORIZED = 4;
    /** The host did not answer within the timeout. */
    public static final int UNREACHABLE = 5;

    private ExitCodes() {
    }

    /** By HTTP status only, so the codes do not depend on the host's problem types. */
    public static int of(CoveyClientException e) {
        return switch (e.status()) {
            case 0 -> UNREACHABLE;
            case 401, 403 -> UNAUTHORIZED;
            case 404 -> NOT_FOUND;
            default -> FAILURE;
        };
    }
}
