package io.thinkmeter.ingest;

import io.thinkmeter.contracts.ProblemRequest;

import java.util.List;

/**
 * A batch whose every line is valid, ready to publish.
 *
 * @param inputFormat thinkmeter, openai, or mixed (lines of both)
 * @param requests in input order: {@code requests.get(i).sequence() == i}
 */
record ParsedBatch(String id, String inputFormat, List<ProblemRequest> requests) {}
