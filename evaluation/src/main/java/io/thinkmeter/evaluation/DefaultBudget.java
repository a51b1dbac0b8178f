package io.thinkmeter.evaluation;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.engine.model.PromptEncoder;
import io.thinkmeter.engine.model.ReasonerDescriptor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The budget eval runs when none is given: the most every problem of the set can be given, the model's
 * context less the set's longest prompt. Prompts are counted as the engine builds them
 * ({@link PromptEncoder}), so the engine never refuses a problem for this budget. Under method tldr the
 * level is chosen from the budget's tier, which is not known yet, so the longest instruction counts (of the
 * levels asked for, or of all the model's).
 *
 * @param budget        the context less the longest prompt
 * @param context       the context of the model that leaves the least room
 * @param longestPrompt that model's longest prompt, in tokens
 * @param model         that model's name
 * @param problemId     the problem whose prompt is longest
 * @param level         the level instruction that prompt carries, or null
 */
public record DefaultBudget(int budget, int context, int longestPrompt, String model, String problemId,
                            Level level) {

    /**
     * @param main   the main model's prompts
     * @param tldr   the TLDR model's prompts when method tldr runs on its own model, else null
     * @param levels the levels asked for method tldr; empty: any the model has
     * @throws IllegalArgumentException when the longest prompt leaves no token of the context to spend
     */
    public static DefaultBudget of(List<Problem> problems, Collection<Method> methods, Collection<Level> levels,
                                   PromptEncoder main, PromptEncoder tldr) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems to measure prompts of");
        }
        DefaultBudget tightest = null;
        for (Method method : methods.stream().distinct().toList()) {
            PromptEncoder prompts = method == Method.TLDR && tldr != null ? tldr : main;
            for (Level level : instructionLevels(method, levels, prompts.descriptor())) {
                DefaultBudget b = longest(problems, prompts, level);
                if (tightest == null || b.budget < tightest.budget) {
                    tightest = b;
                }
            }
        }
        if (tightest == null) {
            throw new IllegalArgumentException("no method to choose a budget for");
        }
        if (tightest.budget < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the longest prompt (problem %s%s) takes %,d tokens, which does not fit %s's context of %,d"
                            + " tokens with one to spend", tightest.problemId, tightest.levelPhrase(),
                    tightest.longestPrompt, tightest.model, tightest.context));
        }
        return tightest;
    }

    /** The one line eval prints about the choice. */
    public String describe() {
        return String.format(Locale.ROOT, "budget: %,d tokens (context %,d less the longest prompt, %,d tokens: "
                + "problem %s%s on %s)", budget, context, longestPrompt, problemId, levelPhrase(), model);
    }

    private String levelPhrase() {
        return level == null ? "" : " with the " + level.wireName() + " level's instruction";
    }

    /** Null stands for no instruction; a model without levels is refused tldr by the engine, so it counts none. */
    private static List<Level> instructionLevels(Method method, Collection<Level> asked, ReasonerDescriptor d) {
        List<Level> out = new ArrayList<>();
        if (method == Method.TLDR && d.levels() != null && !d.levels().isEmpty()) {
            for (Level level : asked.isEmpty() ? List.of(Level.values()) : asked) {
                if (d.levels().containsKey(level.wireName())) {
                    out.add(level);
                }
            }
        }
        if (out.isEmpty()) {
            out.add(null);
        }
        return out;
    }

    private static DefaultBudget longest(List<Problem> problems, PromptEncoder prompts, Level level) {
        ReasonerDescriptor d = prompts.descriptor();
        String instruction = level == null ? null : d.levels().get(level.wireName());
        int longest = -1;
        String id = null;
        for (Problem p : problems) {
            int tokens = prompts.encode(p.problem(), instruction).length;
            if (tokens > longest) {
                longest = tokens;
                id = p.id();
            }
        }
        return new DefaultBudget(d.maxContext() - longest, d.maxContext(), longest, d.name(), id, level);
    }
}
