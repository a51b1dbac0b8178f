package io.thinkmeter.ingest.openai;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.UnknownWireName;
import io.thinkmeter.ingest.IngestConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI's {@code reasoning_effort} in Thinkmeter's terms, the one place it is decided:
 * <ul>
 *   <li>{@code none}, {@code minimal}: no thinking: budget forcing with a thinking limit of 0, so the
 *       think-end is forced at once;</li>
 *   <li>{@code low}, {@code medium}, {@code high}: method tldr at the configured level when a TLDR model is
 *       served (it was trained to think briefly or carefully on request), else ts at the configured stop
 *       temperature (the calibrated tau that gives that much thinking).</li>
 * </ul>
 * The levels and taus are configuration ({@code thinkmeter.ingest.openai.effort.<effort>.level} and
 * {@code .stop-temperature}); the README's effort table says where the defaults come from.
 */
public final class Efforts {

    public static final String FIELD = "reasoning_effort";
    public static final List<String> NO_THINKING = List.of("none", "minimal");
    public static final List<String> GRADED = List.of("low", "medium", "high");

    /** What an effort asks for; null fields are left as the request gives them. */
    public record Choice(Method method, Level level, Double stopTemperature, Integer thinkingLimit) {}

    private final Map<String, Level> levels;
    private final Map<String, Double> stopTemperatures;

    /** @throws IllegalArgumentException unless low, medium and high each have a level and a positive tau */
    public Efforts(Map<String, Level> levels, Map<String, Double> stopTemperatures) {
        for (String effort : GRADED) {
            if (levels.get(effort) == null) {
                throw new IllegalArgumentException("thinkmeter.ingest.openai.effort." + effort + ".level is missing");
            }
            Double tau = stopTemperatures.get(effort);
            if (tau == null || !(tau > 0) || tau.isInfinite()) {
                throw new IllegalArgumentException("thinkmeter.ingest.openai.effort." + effort
                        + ".stop-temperature must be a positive number, was " + tau);
            }
        }
        for (String effort : levels.keySet()) {
            if (!GRADED.contains(effort)) {
                throw new IllegalArgumentException("thinkmeter.ingest.openai.effort." + effort + " is not an effort "
                        + "to configure; the efforts are " + String.join(", ", GRADED));
            }
        }
        this.levels = Map.copyOf(levels);
        this.stopTemperatures = Map.copyOf(stopTemperatures);
    }

    /** @throws IllegalArgumentException naming the setting that is wrong */
    public static Efforts of(Map<String, IngestConfig.OpenAi.Effort> config) {
        Map<String, Level> levels = new LinkedHashMap<>();
        Map<String, Double> taus = new LinkedHashMap<>();
        config.forEach((effort, setting) -> {
            try {
                levels.put(effort, Level.fromWireName(setting.level()));
            } catch (UnknownWireName e) {
                throw new IllegalArgumentException("thinkmeter.ingest.openai.effort." + effort + ".level: "
                        + e.getMessage(), e);
            }
            taus.put(effort, setting.stopTemperature());
        });
        return new Efforts(levels, taus);
    }

    /** @return empty when {@code effort} is not one of OpenAI's names */
    public Optional<Choice> choose(String effort, boolean tldrServed) {
        if (NO_THINKING.contains(effort)) {
            return Optional.of(new Choice(Method.BUDGET_FORCING, null, null, 0));
        }
        if (!GRADED.contains(effort)) {
            return Optional.empty();
        }
        return Optional.of(tldrServed
                ? new Choice(Method.TLDR, levels.get(effort), null, null)
                : new Choice(Method.TS, null, stopTemperatures.get(effort), null));
    }

    public static String names() {
        return String.join(", ", NO_THINKING) + ", " + String.join(", ", GRADED);
    }
}
