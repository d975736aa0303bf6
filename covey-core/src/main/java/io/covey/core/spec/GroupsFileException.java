package io.covey.core.spec;

import io.covey.core.api.InvalidSpecException;

/**
 * A groups file that cannot be used as written. The message names the file, where in it the
 * problem is ({@code groups.web.workers[1].options}) and, when known, the line.
 */
public final class GroupsFileException extends InvalidSpecException {
    private final String source;
    private final String location;

    GroupsFileException(String source, String location, String reason) {
        super(source + ": " + (location == null || location.isEmpty() ? "" : location + ": ") + reason);
        this.source = source;
        this.location = location == null ? "" : location;
    }

    /** The file (or what the caller called the document). */
    public String source() {
        return source;
    }

    /** Where in the document, e.g. {@code groups.web.workers[1]}; empty for the document as a whole. */
    public String location() {
        return location;
    }
}
