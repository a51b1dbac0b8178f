package io.thinkmeter.grading;

import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.expression.F;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs Symja jobs on one thread of its own, each bounded in time. Symja keeps its evaluation state in a
 * thread-local engine, so every job runs on the same worker thread; the caller waits at most the
 * given time, then asks the engine to stop (it checks between evaluation steps) and interrupts it.
 * A job stuck where Symja never checks (deep inside big-integer arithmetic) gets one second more, then
 * its thread is abandoned (a daemon: it cannot keep the JVM alive) and a fresh one takes over; after
 * {@value #MAX_ABANDONED_THREADS} abandoned threads the engine refuses further work rather than leak
 * more CPU. {@link MathExpr#tooLargeForSymbolic} keeps the known runaway inputs from getting here.
 *
 * <p>Startup: Symja's first engine takes about 2 to 4 seconds (its symbol tables); it is built on the
 * first job, outside that job's time limit, and bounded by {@link #STARTUP_LIMIT}.
 */
final class SymbolicEngine implements AutoCloseable {

    static final Duration STARTUP_LIMIT = Duration.ofSeconds(120);
    static final int MAX_ABANDONED_THREADS = 3;
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);
    /** Bigger integers make Symja throw instead of computing for minutes (about 30000 digits). */
    private static final int MAX_BIT_LENGTH = 100_000;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private ExecutorService worker;
    private EvalEngine engine;
    private int abandoned;
    private String unavailable;

    /** Runs {@code job} on the Symja thread; throws when it fails, times out or Symja is unavailable. */
    synchronized <T> T run(Function<EvalEngine, T> job, Duration limit) throws SymbolicFailure {
        start();
        if (limit.isZero() || limit.isNegative()) {
            throw new SymbolicFailure("the comparison's symbolic time budget is spent");
        }
        EvalEngine e = engine;
        Future<T> result = worker.submit(() -> {
            EvalEngine.set(e);
            e.setStopRequested(false);
            return job.apply(e);
        });
        try {
            return result.get(Math.max(1, limit.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException timeout) {
            stop(result);
            throw new SymbolicFailure("symbolic check timed out after " + limit.toMillis() + " ms");
        } catch (ExecutionException failed) {
            throw new SymbolicFailure("Symja failed", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stop(result);
            throw new SymbolicFailure("interrupted while waiting for Symja");
        }
    }

    /** Starts Symja now if it is not running: callers do this before taking the time for a job. */
    synchronized void start() throws SymbolicFailure {
        if (unavailable != null) {
            throw new SymbolicFailure(unavailable);
        }
        if (worker != null) {
            return;
        }
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "thinkmeter-symja-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Future<EvalEngine> started = worker.submit(SymbolicEngine::newEngine);
        try {
            engine = started.get(STARTUP_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            worker.shutdownNow();
            worker = null;
            unavailable = "Symja did not start: " + e;
            throw new SymbolicFailure(unavailable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
            worker = null;
            throw new SymbolicFailure("interrupted while starting Symja");
        }
    }

    /** A quiet engine: Symja prints evaluation messages to its streams, which would pollute our output. */
    private static EvalEngine newEngine() {
        Config.MAX_BIT_LENGTH = MAX_BIT_LENGTH;
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        EvalEngine e = new EvalEngine("thinkmeter-grader", 256, discard, true);
        e.setErrorPrintStream(discard);
        e.setQuietMode(true);
        EvalEngine.set(e);
        e.evaluate(F.Simplify(F.Subtract(F.Sqrt(F.C2), F.C1))); // loads Simplify's rules now, not in a timed job
        return e;
    }

    /** Stops a job that ran out of time; abandons its thread when it does not stop. */
    private void stop(Future<?> job) {
        engine.stopRequest();
        job.cancel(true);
        Future<?> ping = worker.submit(() -> null);
        try {
            ping.get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            abandonThread();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandonThread();
        }
    }

    private void abandonThread() {
        worker.shutdownNow();
        worker = null;
        engine = null;
        if (++abandoned >= MAX_ABANDONED_THREADS) {
            unavailable = "symbolic checks disabled: " + abandoned + " Symja threads did not stop after their timeout";
        }
    }

    @Override
    public synchronized void close() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }
}
