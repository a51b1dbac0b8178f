package io.thinkmeter.engine.decoding;

import static io.thinkmeter.engine.decoding.Vocab.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterventionChainTest {

    /** Records calls into a shared log, to check order. */
    private static final class Recorder implements Intervention {
        final String name;
        final List<String> log;
        final List<Integer> accepted = new ArrayList<>();

        Recorder(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public void apply(float[] logits) {
            log.add(name);
        }

        @Override
        public void accept(int token) {
            accepted.add(token);
        }

        @Override
        public boolean forcing() {
            return false;
        }

        @Override
        public Intervention copy() {
            return new Recorder(name, log);
        }
    }

    @Test
    void shouldApplyLinksInOrderAndAcceptToAll() {
        List<String> log = new ArrayList<>();
        Recorder a = new Recorder("a", log);
        Recorder b = new Recorder("b", log);
        InterventionChain chain = new InterventionChain(a, b);
        chain.apply(uniform());
        chain.accept(WORD);
        assertEquals(List.of("a", "b"), log);
        assertEquals(List.of(WORD), a.accepted);
        assertEquals(List.of(WORD), b.accepted);
    }

    @Test
    void shouldSeeEarlierLinksEditsInLaterLinks() {
        // Temperature first, then top-k: top-k sees scaled logits.
        InterventionChain chain = new InterventionChain(new TemperatureScaling(0.5), new TopK(1));
        float[] logits = {1f, 3f, 2f};
        chain.apply(logits);
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, 6f, Float.NEGATIVE_INFINITY}, logits);
    }

    @Test
    void shouldForceWhenAnyLinkForcedInTheLatestApply() {
        InterventionChain chain = new InterventionChain(new TemperatureScaling(1), new BudgetForcing(1, tokens()),
                new TopK(2));
        float[] logits = favouring(WORD);
        chain.apply(logits);
        assertFalse(chain.forcing());
        chain.accept(WORD);
        logits = favouring(WORD);
        chain.apply(logits);
        assertTrue(chain.forcing());
        assertEquals(THINK_END, onlyCandidate(logits), "top-k after forcing keeps the forced token");
    }

    @Test
    void shouldDeepCopyEveryLink() {
        InterventionChain chain = new InterventionChain(new StopTemperature(2, THINK_END), new BudgetForcing(2, tokens()));
        chain.apply(uniform());
        chain.accept(WORD);
        InterventionChain copy = chain.copy();
        assertNotSame(chain.find(BudgetForcing.class), copy.find(BudgetForcing.class));
        copy.accept(WORD);
        assertEquals(2, copy.find(BudgetForcing.class).thinkingTokens());
        assertEquals(1, chain.find(BudgetForcing.class).thinkingTokens(), "original untouched by the copy");
        assertEquals(BudgetForcing.State.FORCING_ANSWER, copy.find(BudgetForcing.class).state());
        assertEquals(BudgetForcing.State.THINKING, chain.find(BudgetForcing.class).state());
    }

    @Test
    void shouldFindLinksByType() {
        InterventionChain chain = new InterventionChain(new TopK(3));
        assertNotNull(chain.find(TopK.class));
        assertNull(chain.find(BudgetForcing.class));
        assertEquals(1, chain.links().size());
    }

    @Test
    void shouldDoNothingWhenEmpty() {
        InterventionChain chain = new InterventionChain();
        float[] logits = favouring(WORD);
        chain.apply(logits);
        assertArrayEquals(favouring(WORD), logits);
        assertFalse(chain.forcing());
    }

    @Test
    void shouldRejectNullLinks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InterventionChain(new TopK(1), null));
        assertEquals("link 1 of 2 is null", e.getMessage());
    }
}
