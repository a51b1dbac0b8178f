package io.thinkmeter.engine.decoding;

/**
 * s1 budget forcing: caps the thinking phase and, optionally, keeps the model thinking for a minimum.
 *
 * <pre>
 * States and transitions (checked in accept, the only call that moves state):
 *   THINKING        --accept(thinkEnd)----------------------------> ANSWERING          (natural end)
 *   THINKING        --accept(t), thinking tokens reach C-----------> FORCING_ANSWER
 *   THINKING        --replace(thinkEnd) = wait[0], accept(wait[0])-> INJECTING_WAIT     (THINKING if the wait is one token)
 *   INJECTING_WAIT  --accept(wait[i]), last wait token------------> THINKING
 *   INJECTING_WAIT  --accept(t), thinking tokens reach C-----------> FORCING_ANSWER     (cannot happen, see below)
 *   FORCING_ANSWER  --accept(forcedAnswer[i]), last one------------> ANSWERING
 *   ANSWERING       (final; apply does nothing)
 * A cap of 0 starts in FORCING_ANSWER.
 * </pre>
 *
 * <p>Thinking tokens are every token accepted in THINKING and INJECTING_WAIT, generated and
 * injected alike; a natural think-end is not one (it is the first answer token, as in
 * {@link TokenLedger}). In FORCING_ANSWER and INJECTING_WAIT apply forces the next token of the
 * sequence: every other logit becomes -inf and {@link #forcing()} is true.
 *
 * <p>Minimum thinking, as s1 does it: "the model tries to stop" means the model generates think-end,
 * whether greedy decoding picked it as the argmax or sampling drew it with any probability. In
 * THINKING, with M &gt; 0, fewer than M thinking tokens and fewer than N waits injected, {@link #replace}
 * swaps that think-end for the first wait token (an injected token); accepting it enters
 * INJECTING_WAIT, where apply forces the rest of the wait. Under greedy decoding this is the same as
 * suppressing think-end when it is the argmax; under sampling it is what the earlier argmax rule
 * missed: a sampled think-end that was not the argmax ended thinking before the minimum. A wait is
 * started only if it ends strictly before the cap: a "Wait" cut off by the forced answer spends
 * tokens and buys no thinking, so in that case the think-end goes through and the cap still binds.
 *
 * <p>The cap is computed by the caller with {@link BudgetPolicy#thinkingCap} so that the thinking tokens, the
 * forced answer and the answer reserve never exceed the budget; when the reserve does not fit, the
 * cap is 0 and the answer is forced at once.
 */
public final class BudgetForcing implements Intervention {

    public enum State { THINKING, INJECTING_WAIT, FORCING_ANSWER, ANSWERING }

    private final int cap;
    private final int thinkEnd;
    private final int[] forcedAnswer;
    private final int[] wait;
    private final int minThinking;
    private final int maxWaits;

    private State state;
    /** Index of the next token to force in the current forced sequence (forcedAnswer or wait). */
    private int position;
    private int thinkingTokens;
    private int waitsInjected;
    private boolean forcedAtCap;
    /** What the latest apply did; read by forcing() and by the accept that follows it. */
    private boolean forcedLatest;
    /** Whether the latest replace swapped a think-end for a wait; read by the accept that follows it. */
    private boolean waitStartedLatest;

    /** Budget forcing at the cap only, without minimum thinking. */
    public BudgetForcing(int thinkingCap, SpecialTokens tokens) {
        this(thinkingCap, tokens, 0, 0);
    }

    /**
     * @param thinkingCap C: the most thinking tokens, at least 0 (see {@link BudgetPolicy#thinkingCap})
     * @param tokens think-end, the forced answer (which must begin with think-end) and the wait tokens
     * @param minThinking M: earlier stops are replaced by "Wait" (0: off)
     * @param maxWaits N: the most waits injected
     */
    public BudgetForcing(int thinkingCap, SpecialTokens tokens, int minThinking, int maxWaits) {
        if (thinkingCap < 0) {
            throw new IllegalArgumentException("thinking cap must be >= 0, got " + thinkingCap);
        }
        if (tokens == null) {
            throw new IllegalArgumentException("special tokens are required, got null");
        }
        if (minThinking < 0) {
            throw new IllegalArgumentException("minThinking must be >= 0, got " + minThinking);
        }
        if (maxWaits < 0) {
            throw new IllegalArgumentException("maxWaits must be >= 0, got " + maxWaits);
        }
        int[] answer = tokens.forcedAnswer();
        if (answer == null || answer.length == 0) {
            throw new IllegalArgumentException("forced answer must hold at least one token, got "
                    + (answer == null ? "null" : "none"));
        }
        // The forced answer is what ends thinking: without think-end first the ledger and this
        // state machine would disagree on where thinking stopped.
        if (answer[0] != tokens.thinkEnd()) {
            throw new IllegalArgumentException("forced answer must begin with think-end token " + tokens.thinkEnd()
                    + ", got " + java.util.Arrays.toString(answer));
        }
        int[] waitTokens = tokens.waitTokens();
        boolean waitsOn = minThinking > 0 && maxWaits > 0;
        if (waitsOn && (waitTokens == null || waitTokens.length == 0)) {
            throw new IllegalArgumentException("minimum thinking (minThinking=" + minThinking + ", maxWaits="
                    + maxWaits + ") needs at least one wait token, got " + (waitTokens == null ? "null" : "none"));
        }
        this.cap = thinkingCap;
        this.thinkEnd = tokens.thinkEnd();
        this.forcedAnswer = answer.clone();
        this.wait = waitTokens == null ? new int[0] : waitTokens.clone();
        this.minThinking = waitsOn ? minThinking : 0;
        this.maxWaits = waitsOn ? maxWaits : 0;
        this.state = State.THINKING;
        if (cap == 0) {
            startForcingAnswer();
        }
    }

    private BudgetForcing(BudgetForcing other) {
        this.cap = other.cap;
        this.thinkEnd = other.thinkEnd;
        this.forcedAnswer = other.forcedAnswer; // never written after construction, so safe to share
        this.wait = other.wait;
        this.minThinking = other.minThinking;
        this.maxWaits = other.maxWaits;
        this.state = other.state;
        this.position = other.position;
        this.thinkingTokens = other.thinkingTokens;
        this.waitsInjected = other.waitsInjected;
        this.forcedAtCap = other.forcedAtCap;
        this.forcedLatest = other.forcedLatest;
        this.waitStartedLatest = other.waitStartedLatest;
    }

    @Override
    public void apply(float[] logits) {
        forcedLatest = false;
        waitStartedLatest = false;
        switch (state) {
            case THINKING -> { }
            case INJECTING_WAIT -> {
                Logits.forceOnly(logits, wait[position]);
                forcedLatest = true;
            }
            case FORCING_ANSWER -> {
                Logits.forceOnly(logits, forcedAnswer[position]);
                forcedLatest = true;
            }
            case ANSWERING -> { }
        }
    }

    @Override
    public int replace(int picked) {
        if (state == State.THINKING && picked == thinkEnd && mayStartWait()) {
            waitStartedLatest = true;
            return wait[0];
        }
        return picked;
    }

    private boolean mayStartWait() {
        return thinkingTokens < minThinking && waitsInjected < maxWaits && thinkingTokens + wait.length < cap;
    }

    @Override
    public void accept(int token) {
        boolean waitStarted = waitStartedLatest;
        // Consumed here so a second accept without apply cannot start the same wait twice.
        waitStartedLatest = false;
        switch (state) {
            case THINKING -> {
                if (waitStarted) {
                    position = 0;
                    expect(wait[0], token, "wait");
                    waitsInjected++;
                    position = 1;
                    countThinking(position < wait.length ? State.INJECTING_WAIT : State.THINKING);
                } else if (token == thinkEnd) {
                    state = State.ANSWERING;
                } else {
                    countThinking(State.THINKING);
                }
            }
            case INJECTING_WAIT -> {
                expect(wait[position], token, "wait");
                position++;
                countThinking(position < wait.length ? State.INJECTING_WAIT : State.THINKING);
            }
            case FORCING_ANSWER -> {
                expect(forcedAnswer[position], token, "forced answer");
                position++;
                if (position == forcedAnswer.length) {
                    state = State.ANSWERING;
                }
            }
            case ANSWERING -> { }
        }
    }

    /** One more thinking token; the cap wins over whatever state would come next. */
    private void countThinking(State next) {
        thinkingTokens++;
        if (thinkingTokens >= cap) {
            startForcingAnswer();
        } else {
            state = next;
        }
    }

    private void startForcingAnswer() {
        state = State.FORCING_ANSWER;
        position = 0;
        forcedAtCap = true;
    }

    private void expect(int expected, int token, String what) {
        if (token != expected) {
            // The caller picked something other than the forced token: the state would no longer
            // match the sequence, and the budget guarantee with it.
            throw new IllegalStateException("expected " + what + " token " + expected + " at position " + position
                    + " in state " + state + ", got " + token);
        }
    }

    @Override
    public boolean forcing() {
        return forcedLatest;
    }

    @Override
    public Intervention copy() {
        return new BudgetForcing(this);
    }

    public State state() {
        return state;
    }

    /** Tokens counted in the thinking phase so far, generated and injected alike. */
    public int thinkingTokens() {
        return thinkingTokens;
    }

    public int waitsInjected() {
        return waitsInjected;
    }

    /** Whether the thinking cap was reached and the answer forced (true from the start when C = 0). */
    public boolean forcedAtCap() {
        return forcedAtCap;
    }

    public int thinkingCap() {
        return cap;
    }
}
