package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Sampler settings of a request; all optional. Absent temperature (or 0) means greedy.
 *
 * @param topK keep the k most likely tokens (0 or absent: off)
 * @param topP nucleus sampling (1 or absent: off)
 * @param seed the random seed, so a sampled run can be repeated
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SamplingOptions(Double temperature, Integer topK, Double topP, Long seed) {}
