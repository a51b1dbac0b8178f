package io.thinkmeter.engine;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.engine.decoding.DecodeSettings;

/**
 * One problem to decode.
 *
 * @param id the caller's id, carried into the result
 * @param problem the problem text, placed in the model's prompt template
 * @param level the TLDR level, or null
 * @param settings method, budget and sampling
 */
public record DecodeRequest(String id, String problem, Level level, DecodeSettings settings) {}
