package io.thinkmeter.evaluation;

import java.util.Map;

/**
 * One problem of an evaluation set.
 *
 * @param id the set's own id ({@code id} or {@code unique_id}), else the 1-based line number
 * @param problem the problem text the model is given
 * @param gold the reference answer as text, not normalised (the grader does that)
 * @param metadata the record's other scalar fields (family, difficulty, level, subject, ...) as text
 */
public record Problem(String id, String problem, String gold, Map<String, String> metadata) {}
