package io.thinkmeter.testkit;

/**
 * Makes a child JVM of ours end when the process that started it is gone. A platform killed with
 * kill -9 runs no shutdown hook, so it cannot stop its broker and services; without this they would
 * run on as orphans, holding the ports and data the next start needs. The parent's pid comes in the
 * system property {@value #PARENT_PID}, which {@link ChildJvm} sets.
 */
public final class ParentWatch {

    public static final String PARENT_PID = "thinkmeter.parent.pid";
    private static final long CHECK_EVERY_MILLIS = 500;

    private ParentWatch() {}

    /** When started by a parent of ours, exits (running the shutdown hooks) once that parent has died. */
    public static void start() {
        String pid = System.getProperty(PARENT_PID);
        if (pid == null || pid.isBlank()) {
            return;
        }
        ProcessHandle parent = ProcessHandle.of(Long.parseLong(pid.trim())).orElse(null);
        Thread watch = new Thread(() -> {
            while (parent != null && parent.isAlive()) {
                try {
                    Thread.sleep(CHECK_EVERY_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("thinkmeter: the process that started this one (pid " + pid + ") is gone; stopping");
            System.exit(143);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
