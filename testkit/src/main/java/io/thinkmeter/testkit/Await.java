package io.thinkmeter.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, bounded, for something a test cannot make happen at once (a service becoming ready, a row arriving). */
public final class Await {

    private static final long PAUSE_MILLIS = 200;

    private Await() {}

    /** @return whether {@code condition} held within {@code patience}; the caller asserts, with its own message */
    public static boolean until(BooleanSupplier condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(PAUSE_MILLIS);
        }
        return true;
    }
}
