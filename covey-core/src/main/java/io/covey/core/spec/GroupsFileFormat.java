package io.covey.core.spec;

import java.util.Locale;

/** How a groups file is written. YAML needs {@code jackson-dataformat-yaml} on the class path. */
public enum GroupsFileFormat {
    JSON,
    YAML;

    /**
     * The format a file's name says ({@code .json}, {@code .yaml}, {@code .yml}); for any other
     * name, what its content looks like: a document whose first character is <code>{</code> is
     * JSON, anything else YAML.
     */
    public static GroupsFileFormat detect(String fileName, byte[] content) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YAML;
        }
        int start = content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb
                && (content[2] & 0xff) == 0xbf ? 3 : 0;
        for (int i = start; i < content.length; i++) {
            if (!Character.isWhitespace(content[i])) {
                return content[i] == '{' ? JSON : YAML;
            }
        }
        return JSON;
    }
}
