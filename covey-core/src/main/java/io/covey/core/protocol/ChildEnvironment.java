package io.covey.core.protocol;

/**
 * The environment variables a host sets for a child JVM. The secret travels here, never in the
 * command line, where every user of the machine could read it; the worker's params travel only
 * on the control channel.
 */
public final class ChildEnvironment {
    /** Where to connect: a {@link ControlAddress}. */
    public static final String CONTROL_ADDRESS = "COVEY_CONTROL_ADDRESS";
    /** The one-time secret that proves the host started this child. */
    public static final String SECRET = "COVEY_CHILD_SECRET";
    /** The id of the host instance that started the child. */
    public static final String EPOCH = "COVEY_HOST_EPOCH";
    public static final String WORKER_ID = "COVEY_WORKER_ID";
    /** Set instead of the worker id and attempt for a child of the warm pool: its slot number. */
    public static final String WARM_SLOT = "COVEY_WARM_SLOT";
    public static final String ATTEMPT = "COVEY_WORKER_ATTEMPT";
    /**
     * For a child of the warm pool: the worker classes it may be asked to run, comma-separated, so
     * that it loads them while it waits (a hint: a class it cannot load fails only when assigned).
     */
    public static final String WARM_CLASSES = "COVEY_WARM_CLASSES";
    /** The largest control message either side accepts. */
    public static final String MAX_MESSAGE_BYTES = "COVEY_MAX_MESSAGE_BYTES";

    private ChildEnvironment() {
    }

    /** Whether a host variable is one of these, which the host sets itself and never copies. */
    public static boolean isReserved(String name) {
        return name.equals(CONTROL_ADDRESS) || name.equals(SECRET) || name.equals(EPOCH) || name.equals(WORKER_ID)
                || name.equals(ATTEMPT) || name.equals(MAX_MESSAGE_BYTES) || name.equals(WARM_SLOT) || name.equals(WARM_CLASSES);
    }
}
