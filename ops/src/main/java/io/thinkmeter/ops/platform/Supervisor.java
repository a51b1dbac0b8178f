package io.thinkmeter.ops.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Keeps the platform's servers and services running, as docker-compose's {@code restart:} or systemd
 * would: one that dies (a crash, an OOM kill, kill -9) is started again after a back-off that doubles
 * from {@link #FIRST_BACKOFF} to {@link #MAX_BACKOFF} while it keeps dying, and resets once it has run
 * for {@link #STABLE_AFTER}. Every death and restart is logged. Work is never lost meanwhile: what a
 * dead service had not committed is redelivered by Kafka.
 */
final class Supervisor implements AutoCloseable {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration STABLE_AFTER = Duration.ofSeconds(60);
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);
    /** A stop slower than this is worth a line: a worker draining, a server not answering SIGTERM. */
    private static final Duration SLOW_STOP = Duration.ofSeconds(5);

    private final class Unit {
        final Supervised supervised;
        String state = ServiceStatus.STARTING;
        Instant since = Instant.now();
        Instant runningSince;
        int restarts;
        String lastExit;
        Duration backoff = FIRST_BACKOFF;
        long restartAtNanos;

        Unit(Supervised supervised) {
            this.supervised = supervised;
        }

        void enter(String newState) {
            state = newState;
            since = Instant.now();
        }
    }

    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final Consumer<String> log;
    private final Thread watcher;
    private volatile boolean closing;

    /** @param log where deaths and restarts are reported, one line each */
    Supervisor(Consumer<String> log) {
        this.log = log;
        this.watcher = new Thread(this::watch, "supervisor");
        this.watcher.setDaemon(true);
        this.watcher.start();
    }

    /** Starts {@code supervised} now (a failure is thrown, not retried: the platform is not up yet) and watches it. */
    void start(Supervised supervised) throws Exception {
        Unit unit = new Unit(supervised);
        synchronized (this) {
            if (units.containsKey(supervised.name())) {
                throw new IllegalArgumentException(supervised.name() + " is supervised already");
            }
            units.put(supervised.name(), unit);
        }
        supervised.start();
        synchronized (this) {
            unit.enter(ServiceStatus.RUNNING);
            unit.runningSince = Instant.now();
        }
    }

    synchronized List<ServiceStatus> statuses() {
        List<ServiceStatus> out = new ArrayList<>();
        for (Unit u : units.values()) {
            out.add(new ServiceStatus(u.supervised.name(), u.state, u.supervised.pid(), u.restarts, u.lastExit,
                    u.since, null));
        }
        return out;
    }

    synchronized ServiceStatus status(String name) {
        return statuses().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("nothing named " + name + " is supervised"));
    }

    /** The supervised server or service called {@code name}, to kill it in a test. */
    synchronized Supervised get(String name) {
        Unit u = units.get(name);
        if (u == null) {
            throw new NoSuchElementException("nothing named " + name + " is supervised; there are " + units.keySet());
        }
        return u.supervised;
    }

    /**
     * Takes a server or service down and keeps it down (no restart) until {@link #bringBack}: an outage
     * of a chosen length, for tests and for an operator's maintenance.
     */
    void takeDown(String name) {
        Unit u;
        synchronized (this) {
            u = units.get(name);
            if (u == null) {
                throw new NoSuchElementException("nothing named " + name + " is supervised");
            }
            u.enter(ServiceStatus.HELD);
        }
        u.supervised.kill();
        log.accept(name + " taken down on purpose; it stays down until brought back");
    }

    /** Starts again what {@link #takeDown} stopped, and watches it as before. */
    void bringBack(String name) throws Exception {
        Unit u;
        synchronized (this) {
            u = units.get(name);
            if (u == null || !ServiceStatus.HELD.equals(u.state)) {
                throw new IllegalStateException(name + " was not taken down");
            }
            u.enter(ServiceStatus.STARTING);
        }
        u.supervised.start();
        synchronized (this) {
            u.enter(ServiceStatus.RUNNING);
            u.runningSince = Instant.now();
        }
        log.accept(name + " brought back (pid " + u.supervised.pid() + ")");
    }

    private void watch() {
        while (!closing) {
            for (Unit u : snapshot()) {
                check(u);
            }
            try {
                Thread.sleep(CHECK_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized List<Unit> snapshot() {
        return new ArrayList<>(units.values());
    }

    private void check(Unit u) {
        String state;
        synchronized (this) {
            state = u.state;
        }
        if (closing) {
            return;
        }
        if (ServiceStatus.RUNNING.equals(state) && !u.supervised.isAlive()) {
            died(u);
        } else if (ServiceStatus.RESTARTING.equals(state) && System.nanoTime() - u.restartAtNanos >= 0) {
            restart(u);
        }
    }

    private void died(Unit u) {
        String exit = u.supervised.exit();
        synchronized (this) {
            if (u.runningSince != null && Duration.between(u.runningSince, Instant.now()).compareTo(STABLE_AFTER) >= 0) {
                u.backoff = FIRST_BACKOFF; // it had been running fine: this is a new failure, not a crash loop
            }
            u.lastExit = exit;
            u.restartAtNanos = System.nanoTime() + u.backoff.toNanos();
            u.enter(ServiceStatus.RESTARTING);
        }
        log.accept(u.supervised.name() + " stopped (" + exit + "); restarting it in " + u.backoff.toMillis() + " ms");
    }

    private void restart(Unit u) {
        synchronized (this) {
            u.restarts++;
            u.enter(ServiceStatus.STARTING);
        }
        try {
            u.supervised.start();
            synchronized (this) {
                u.enter(ServiceStatus.RUNNING);
                u.runningSince = Instant.now();
                u.backoff = u.backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : u.backoff.multipliedBy(2);
            }
            log.accept(u.supervised.name() + " restarted (restart " + u.restarts + ", pid " + u.supervised.pid() + ")");
        } catch (Exception e) {
            synchronized (this) {
                u.lastExit = "restart failed: " + e.getMessage();
                u.restartAtNanos = System.nanoTime() + u.backoff.toNanos();
                u.backoff = u.backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : u.backoff.multipliedBy(2);
                u.enter(ServiceStatus.RESTARTING);
            }
            log.accept(u.supervised.name() + " could not be restarted (" + e.getMessage() + "); trying again");
        }
    }

    /** Stops watching, then stops everything, services before the servers they need (the reverse of start). */
    @Override
    public void close() {
        closing = true;
        watcher.interrupt();
        try {
            watcher.join(Duration.ofMinutes(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Unit> order = snapshot();
        Collections.reverse(order);
        // the services side by side (each worker finishes its in-flight requests), then the servers they need
        List<Thread> stopping = new ArrayList<>();
        for (Unit u : order) {
            if (u.supervised instanceof ServiceProcess) {
                Thread t = new Thread(() -> stop(u), "stop-" + u.supervised.name());
                t.start();
                stopping.add(t);
            }
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Unit u : order) {
            if (!(u.supervised instanceof ServiceProcess)) {
                stop(u);
            }
        }
    }

    private void stop(Unit u) {
        long began = System.nanoTime();
        try {
            u.supervised.stop();
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            if (took.compareTo(SLOW_STOP) > 0) {
                log.accept(u.supervised.name() + " took " + took.toMillis() + " ms to stop");
            }
        } catch (RuntimeException e) {
            log.accept("error while stopping " + u.supervised.name() + ": " + e);
        }
        synchronized (this) {
            u.enter(ServiceStatus.STOPPED);
        }
    }
}
