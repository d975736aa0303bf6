package io.covey.core.spec;

import io.covey.core.api.InvalidSpecException;

/** A group name, worker id or type name outside {@link CoveyNames#PATTERN_TEXT}. */
public final class InvalidNameException extends InvalidSpecException {
    public InvalidNameException(String what, String name) {
        super(what + " '" + CoveyNames.printable(name) + "' is not valid: it must match "
                + CoveyNames.PATTERN_TEXT + " (a letter or digit, then up to 127 letters, digits, '.', '_' or '-')");
    }
}
