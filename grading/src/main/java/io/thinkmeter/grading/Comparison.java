package io.thinkmeter.grading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The state of one {@link AnswerGrader#grade} call: its symbolic time budget, the rules that decided its
 * parts, and the notes that say why a part did not match. The budget's clock starts at the first symbolic check, after Symja started,
 * so the one-time startup is not charged to the first comparison.
 */
final class Comparison {

    private final Duration budget;
    private final boolean textShortcuts;
    private final List<String> notes = new ArrayList<>();
    private final Set<Rule> rules = EnumSet.noneOf(Rule.class);
    private long deadline;
    private boolean started;

    Comparison(Duration budget, boolean textShortcuts) {
        this.budget = budget;
        this.textShortcuts = textShortcuts;
    }

    /** The symbolic time left; the first call starts the clock. */
    Duration remaining() {
        if (!started) {
            started = true;
            deadline = System.nanoTime() + budget.toNanos();
        }
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** False only in tests that make every answer go through its parsed form. */
    boolean textShortcuts() {
        return textShortcuts;
    }

    void note(String why) {
        if (!notes.contains(why)) {
            notes.add(why);
        }
    }

    /** Records that {@code rule} decided a part; returns {@code verdict} so a rule can say it in one line. */
    boolean decided(Rule rule, boolean verdict) {
        rules.add(rule);
        return verdict;
    }

    /** The rules that decided parts of this comparison, in the order {@link Rule} declares them. */
    List<Rule> rules() {
        return List.copyOf(rules);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}
