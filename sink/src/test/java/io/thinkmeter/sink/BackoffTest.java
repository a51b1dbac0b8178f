package io.thinkmeter.sink;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackoffTest {

    @Test
    void shouldDoubleFrom200MillisecondsUpTo10Seconds() {
        Backoff backoff = new Backoff();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            waits.add(backoff.next().toMillis());
        }

        assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 6400L, 10_000L, 10_000L, 10_000L), waits);
        assertEquals(9, backoff.failures());
    }

    @Test
    void shouldStartOverAfterASuccess() {
        Backoff backoff = new Backoff();
        backoff.next();
        backoff.next();

        backoff.reset();

        assertEquals(200, backoff.next().toMillis());
        assertEquals(1, backoff.failures());
    }
}
