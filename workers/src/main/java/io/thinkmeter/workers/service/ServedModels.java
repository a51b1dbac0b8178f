package io.thinkmeter.workers.service;

import io.thinkmeter.engine.StopTemperatureTable;
import io.thinkmeter.engine.ReasonerModel;

/**
 * The models one worker serves: the main model for none, budget-forcing and ts, and optionally a
 * TLDR-trained model for method tldr (a model trained for level prompts need not be the one whose
 * stopping the other methods were calibrated on). Without a TLDR model, tldr requests go to the
 * main model, which refuses them with a reason unless its reasoner.json has levels.
 *
 * @param main serves every method, tldr too when {@code tldr} is null
 * @param stopTemperatures the main model's tau per budget, for ts
 * @param tldr serves method tldr; may be null
 */
public record ServedModels(ReasonerModel main, StopTemperatureTable stopTemperatures, ReasonerModel tldr) {

    public ServedModels {
        if (main == null || stopTemperatures == null) {
            throw new IllegalArgumentException("a worker needs a main model and its stop temperatures");
        }
    }

    public static ServedModels single(ReasonerModel model, StopTemperatureTable stopTemperatures) {
        return new ServedModels(model, stopTemperatures, null);
    }
}
