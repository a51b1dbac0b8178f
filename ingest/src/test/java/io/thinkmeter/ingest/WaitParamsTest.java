package io.thinkmeter.ingest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WaitParamsTest {

    private static final Duration MAX = Duration.ofSeconds(60);

    @Test
    void shouldNotWaitUnlessAsked() {
        assertEquals(Optional.empty(), WaitParams.parse(null, null, MAX));
        assertEquals(Optional.empty(), WaitParams.parse("false", null, MAX));
    }

    @Test
    void shouldReadEveryDurationForm() {
        assertEquals(Optional.of(Duration.ofSeconds(20)), WaitParams.parse("true", "20s", MAX));
        assertEquals(Optional.of(Duration.ofMillis(500)), WaitParams.parse("true", "500ms", MAX));
        assertEquals(Optional.of(Duration.ofSeconds(15)), WaitParams.parse("true", "15", MAX));
        assertEquals(Optional.of(Duration.ofSeconds(30)), WaitParams.parse("true", "PT30S", MAX));
    }

    @Test
    void shouldCapEveryWaitAtTheMaximum() {
        assertEquals(Optional.of(MAX), WaitParams.parse("true", "2m", MAX));
        assertEquals(Optional.of(MAX), WaitParams.parse("true", "PT100H", MAX));
        assertEquals(Optional.of(MAX), WaitParams.parse("true", null, MAX), "no timeout: the maximum");
    }

    @Test
    void shouldRefuseWhatItCannotRead() {
        ApiException e = assertThrows(ApiException.class, () -> WaitParams.parse("true", "-PT5S", MAX));
        assertEquals(400, e.status());
        assertThrows(ApiException.class, () -> WaitParams.parse("true", "forever", MAX));
        assertThrows(ApiException.class, () -> WaitParams.parse("sometimes", null, MAX));
    }
}
