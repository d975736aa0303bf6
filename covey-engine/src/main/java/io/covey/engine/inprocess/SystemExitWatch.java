package io.covey.engine.inprocess;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Names the code that called {@code System.exit} (or {@code Runtime.exit}/{@code halt}) when the
 * JVM shuts down: a shutdown hook that looks for the thread still inside {@code Runtime.exit}
 * (it waits there for the hooks) and logs its name and stack, and every in-process worker thread
 * running at that moment. A SecurityManager could refuse the exit, but it is deprecated for removal
 * (JEP 411) and Covey does not install one: an in-process worker can end the host, and the log
 * then says which. Code that may exit belongs in a foreign worker, whose {@code System.exit} ends
 * only its own child.
 */
final class SystemExitWatch {
    private static final System.Logger LOG = System.getLogger("covey.lifecycle");
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private SystemExitWatch() {
    }

    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(SystemExitWatch::report, "covey-exit-watch"));
        }
    }

    private static void report() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            StackTraceElement[] stack = entry.getValue();
            if (callsExit(stack)) {
                text.append("the JVM is exiting: thread '").append(thread.getName()).append("'")
                        .append(thread.getName().startsWith("covey-worker-") ? " (an in-process worker: " + attempt(thread) + ")" : "")
                        .append(" called System.exit:");
                for (StackTraceElement frame : stack) {
                    text.append("\n\tat ").append(frame);
                }
                text.append('\n');
            }
        }
        StringBuilder running = new StringBuilder();
        Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("covey-worker-") && name.contains("#")).sorted()
                .forEach(name -> running.append(running.isEmpty() ? "" : ", ").append(name.substring("covey-worker-".length())));
        if (text.isEmpty() && running.isEmpty()) {
            return;
        }
        if (!running.isEmpty()) {
            text.append("in-process workers running as the JVM exits: ").append(running);
        }
        // Both: the logging system may be shutting down in a hook of its own.
        LOG.log(System.Logger.Level.WARNING, text.toString());
        System.err.println("covey: " + text);
    }

    private static boolean callsExit(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if ((frame.getClassName().equals("java.lang.Runtime") && (frame.getMethodName().equals("exit")
                    || frame.getMethodName().equals("halt")))
                    || (frame.getClassName().equals("java.lang.System") && frame.getMethodName().equals("exit"))) {
                return true;
            }
        }
        return false;
    }

    /** "id#attempt" from a worker thread's name. */
    private static String attempt(Thread thread) {
        return thread.getName().substring("covey-worker-".length());
    }
}
