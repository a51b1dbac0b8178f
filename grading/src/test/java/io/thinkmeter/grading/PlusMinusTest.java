package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

class PlusMinusTest {

    @Test
    void shouldExpandOnePlusMinus() {
        assertEquals(Optional.of(List.of("1 + \\sqrt{19}", "1 - \\sqrt{19}")), PlusMinus.expand("1 \\pm \\sqrt{19}"));
        assertEquals(Optional.of(List.of("+3", "-3")), PlusMinus.expand("\\mp3"));
    }

    @Test
    void shouldLeaveNoneOrTwoAlone() {
        assertEquals(Optional.empty(), PlusMinus.expand("1 + 2"));
        assertEquals(Optional.empty(), PlusMinus.expand("\\pm 1 \\pm 2"));
        assertEquals(Optional.empty(), PlusMinus.expand("\\pmod 3"));
    }
}
