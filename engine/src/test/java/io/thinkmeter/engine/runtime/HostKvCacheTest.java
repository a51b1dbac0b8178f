package io.thinkmeter.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HostKvCacheTest {

    /** One layer, one head, head size 1: each float is one cache column, so layouts are easy to read. */
    private static HostKvCache cache(int batch, int length, float... keys) {
        return new HostKvCache(1, batch, 1, length, 1, new float[][] {keys}, new float[][] {keys.clone()});
    }

    @Test
    void shouldRightAlignRowsAndPadOnTheLeft() {
        HostKvCache a = cache(2, 2, 1, 2, 3, 4);
        HostKvCache b = cache(1, 3, 7, 8, 9);
        HostKvCache g = HostKvCache.gather(new HostKvCache[] {a, b, a}, new int[] {1, 0, 0}, 3);
        assertArrayEquals(new float[] {0, 3, 4, 7, 8, 9, 0, 1, 2}, g.keys(0));
        assertArrayEquals(g.keys(0), g.values(0));
    }

    @Test
    void shouldDropLeadingColumnsWhenShrinking() {
        HostKvCache a = cache(1, 4, 0, 0, 5, 6);
        assertArrayEquals(new float[] {5, 6}, HostKvCache.gather(new HostKvCache[] {a}, new int[] {0}, 2).keys(0));
    }

    @Test
    void shouldRefuseArraysOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> cache(2, 2, 1, 2, 3));
    }
}
