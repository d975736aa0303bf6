package io.covey.core.worker;

import java.util.List;
import java.util.Objects;

import io.covey.core.json.CoveyJson;
import io.covey.core.spec.Dependency;
import io.covey.core.spec.UpdateStrategy;
import io.covey.core.spec.WorkerDeclaration;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSchedule;
import io.covey.core.spec.WorkerSpec;

/**
 * A unit of background work. Subclasses take their params in the constructor (validating them
 * there if they like), do their work in {@link #runWorker()}, and report what happens with the
 * status calls. Two styles both work:
 * <ul>
 *   <li>a job: do the whole thing inside {@code runWorker()} and end with {@link #completed(Object)};</li>
 *   <li>a service: set up resources, call {@link #running(String)}, and either block in
 *       {@code runWorker()} or return and keep running on your own threads until
 *       {@link #stopWorker()} is called.</li>
 * </ul>
 * An exception thrown out of {@code runWorker()} or {@code stopWorker()} is a crash of this
 * worker only. {@code runWorker()} is called at most once per instance.
 *
 * @param <P> the params type: JSON-serializable, a record being the natural shape
 */
public abstract class CoveyWorker<P> implements WorkerDeclaration {
    private final P params;
    private volatile WorkerReporter reporter = WorkerReporter.DETACHED;
    private WorkerOptions options = WorkerOptions.NONE;
    private String id;
    private List<Dependency> dependsOn = List.of();
    private Integer instances;
    private UpdateStrategy update;
    private volatile int instance;
    private WorkerSchedule schedule;

    protected CoveyWorker(P params) {
        this.params = params;
    }

    public final P params() {
        return params;
    }

    /** Does the work. Called once, on a thread of its own. */
    public abstract void runWorker() throws Exception;

    /**
     * Asks the worker to stop; called on another thread than {@code runWorker()}. The worker is
     * stopped once it reports {@link #stopped(String)}, or once this method and
     * {@code runWorker()} have both returned. After it returns, a still-running
     * {@code runWorker()} thread is interrupted. The default does nothing but that interrupt.
     */
    public void stopWorker() throws Exception {
    }

    /**
     * Says whether the worker can do its job right now. The manager calls it every
     * {@code healthInterval} while the worker is RUNNING, on a thread of its own, and counts an
     * exception, or no answer within {@code healthTimeout}, as a failure; after
     * {@code healthFailures} failures in a row the worker is restarted (reason {@code unhealthy}).
     * Only workers whose class overrides this method are checked.
     */
    public WorkerHealth checkHealth() throws Exception {
        return WorkerHealth.ok();
    }

    /** Whether instances of {@code workerClass} define their own {@link #checkHealth()}. */
    public static boolean definesHealthCheck(Class<?> workerClass) {
        try {
            return workerClass.getMethod("checkHealth").getDeclaringClass() != CoveyWorker.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * Receives one piece of input sent to this worker ({@code send(id, data)} or
     * {@code POST /api/v1/workers/{id}/input}): called on a thread of its own, one piece at a time,
     * in the order they were accepted, while the worker is RUNNING. Only workers whose class
     * overrides this method take input; sending to any other is refused (409). An exception is
     * noted in the worker's log and the next piece follows; it is no crash.
     */
    protected void onInput(WorkerInput input) throws Exception {
    }

    /** Whether instances of {@code workerClass} define their own {@link #onInput}, and so take input. */
    public static boolean takesInput(Class<?> workerClass) {
        for (Class<?> c = workerClass; c != null && c != CoveyWorker.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod("onInput", WorkerInput.class);
                return true;
            } catch (NoSuchMethodException e) {
                // look further up
            }
        }
        return false;
    }

    /** Called by the runtime to deliver input (see {@link InputDelivery}); not for worker code. */
    public final void receiveInput(WorkerInput input) throws Exception {
        onInput(input);
    }

    protected final void starting(String message) {
        reporter.starting(message);
    }

    protected final void running(String message) {
        reporter.running(message);
    }

    protected final void running() {
        reporter.running(null);
    }

    /** The job is done; {@code result} (JSON-serializable, may be null) is kept and handed to {@code result(id)}. */
    protected final void completed(Object result) {
        reporter.completed(result);
    }

    protected final void completed() {
        reporter.completed(null);
    }

    protected final void crashed(String message) {
        reporter.crashed(message, null);
    }

    protected final void crashed(String message, Throwable error) {
        reporter.crashed(message, error);
    }

    /**
     * Ends the attempt as a failure that no restart can mend (params that cannot work, a resource
     * that is not there): the worker becomes FAILED at once instead of burning its restarts. Use
     * {@link #crashed(String)} for errors a restart may cure.
     */
    protected final void failed(String message) {
        reporter.failed(message);
    }

    protected final void stopping(String message) {
        reporter.stopping(message);
    }

    protected final void stopped(String message) {
        reporter.stopped(message);
    }

    /** A log line, kept with the worker's recent logs and sent as a {@code log} event. */
    protected final void log(String line) {
        reporter.log(line);
    }

    /** A piece of data (JSON-serializable) sent to subscribers as a {@code data} event. */
    protected final void publish(Object data) {
        reporter.publish(data);
    }

    /**
     * Which of its declaration's {@code instances} this worker is: {@code 0 … N-1}, the number its
     * id ends in ({@code web-2} is 2); 0 for a worker declared without instances. Set before
     * {@code runWorker()} is called (not yet in the constructor); a foreign worker's child JVM
     * also has it as the system property {@value #INSTANCE_PROPERTY}.
     */
    public final int instance() {
        return instance;
    }

    /** The system property that holds {@link #instance()} in a foreign worker's child JVM. */
    public static final String INSTANCE_PROPERTY = "COVEY_INSTANCE";

    /** Called by the runtime before {@code runWorker()}; not for worker code. */
    public final void attachInstance(int index) {
        this.instance = index;
    }

    /** Called by the runtime before {@code runWorker()}; not for worker code. */
    public final void attachReporter(WorkerReporter reporter) {
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    public CoveyWorker<P> setOptions(WorkerOptions options) {
        this.options = options == null ? WorkerOptions.NONE : options;
        return this;
    }

    public CoveyWorker<P> setId(String id) {
        this.id = id;
        return this;
    }

    /** The workers this one waits for, as in a spec's {@code dependsOn}. */
    public CoveyWorker<P> setDependsOn(Dependency... dependencies) {
        this.dependsOn = List.of(dependencies);
        return this;
    }

    /** Runs this declaration as {@code count} workers, as in a spec's {@code instances}. */
    public CoveyWorker<P> setInstances(int count) {
        this.instances = count;
        return this;
    }

    /** How a running worker is replaced when this declaration changes, as in a spec's {@code update}. */
    public CoveyWorker<P> setUpdate(UpdateStrategy strategy) {
        this.update = strategy;
        return this;
    }

    /** Runs this worker on a schedule instead of keeping it alive, as in a spec's {@code schedule}. */
    public CoveyWorker<P> setSchedule(WorkerSchedule schedule) {
        this.schedule = schedule;
        return this;
    }

    public WorkerOptions options() {
        return options;
    }

    /** The declaration this instance stands for: its type name, id, params as JSON and options. */
    @Override
    public WorkerSpec toSpec() {
        return new WorkerSpec(WorkerTypeNames.of(getClass()), id, CoveyJson.toTree(params), options, dependsOn, instances,
                update, schedule);
    }
}
