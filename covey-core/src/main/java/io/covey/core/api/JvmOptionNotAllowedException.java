package io.covey.core.api;

/** A declaration asks for a JVM option that the host's {@code JvmOptionPolicy} does not allow (HTTP 400). */
public class JvmOptionNotAllowedException extends InvalidSpecException {
    private final String option;

    public JvmOptionNotAllowedException(String workerId, String option) {
        super("worker '" + workerId + "' asks for the JVM option '" + option + "', which this host does not allow in a"
                + " declaration; declarations may set heap and stack sizes (-Xmx, -Xms, -Xss), the collector"
                + " (-XX:+Use...GC and a few of its settings) and system properties (-Dname=value, not java.*, jdk.*, sun.*"
                + " or covey.*); an operator can allow more with covey.worker.allowed-jvm-options");
        this.option = option;
    }

    /** The option that was refused. */
    public String option() {
        return option;
    }
}
