package io.thinkmeter.workers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.util.Map;

class StopTemperatureTableTest {

    @Test
    void shouldPickTheSmallestThresholdAtOrAboveTheBudget() {
        StopTemperatureTable table = StopTemperatureTable.defaults();
        assertEquals(4.0, table.forBudget(40));
        assertEquals(4.0, table.forBudget(96));
        assertEquals(2.0, table.forBudget(97));
        assertEquals(1.0, table.forBudget(400));
    }

    @Test
    void shouldUseTheLargestRowBeyondTheTable() {
        assertEquals(3.0, new StopTemperatureTable(Map.of(64, 3.0)).forBudget(1000));
    }

    @Test
    void shouldRefuseNonPositiveTemperatures() {
        assertThrows(IllegalArgumentException.class, () -> new StopTemperatureTable(Map.of(64, 0.0)));
    }
}
