package io.thinkmeter.ops;

import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RequestValidator;
import io.thinkmeter.contracts.SamplingOptions;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.engine.decoding.Sampling;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Request parameters given on the command line, checked by the contract's {@link RequestValidator}: the
 * rules ingest applies to every request, so {@code decode}, {@code eval} and {@code calibrate} refuse
 * what the platform would refuse, before decoding anything, in the terms of their options.
 */
final class CliRequests {

    /** Who a command-line request is from; the validator wants a tenant, which it does not otherwise use. */
    private static final String TENANT = "cli";
    /** A problem that passes, for checking the other parameters of a command whose problems come from a file. */
    static final String ANY_PROBLEM = "Compute 1 + 1.";

    /** The contract's field names and the option (or parameter) that sets each. */
    private static final Map<String, String> OPTIONS = Map.of(
            "sampling.temperature", "--temperature",
            "sampling.top_k", "--top-k",
            "sampling.top_p", "--top-p",
            "stop_temperature", "--stop-temperature",
            "answer_reserve", "--answer-reserve",
            "problem", "PROBLEM",
            "budget", "--budget",
            "method", "--method",
            "level", "--level");

    private CliRequests() {}

    /** The {@code --method} option as the contract names it (none when absent); one line (exit 2) when it is unknown. */
    static Method method(CommandSpec spec, String given) {
        try {
            return given == null ? Method.NONE : Method.fromWireName(given);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), inOptionTerms(e.getMessage()), e);
        }
    }

    /** The {@code --level} option as the contract names it, or null; one line (exit 2) when it is unknown. */
    static Level level(CommandSpec spec, String given) {
        try {
            return given == null ? null : Level.fromWireName(given);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), inOptionTerms(e.getMessage()), e);
        }
    }

    static ProblemRequest request(String problem, int budget, Method method, Level level, Double stopTemperature,
                                  Integer answerReserve, Sampling sampling) {
        SamplingOptions options = sampling == null ? null
                : new SamplingOptions(sampling.temperature(), sampling.topK(), sampling.topP(), sampling.seed());
        return new ProblemRequest(ProblemRequest.SCHEMA_VERSION, "cli", null, TENANT, null, null, problem, budget,
                method, level, stopTemperature, answerReserve, options, 0, null, null);
    }

    /** @throws ParameterException (exit code 2) with every broken rule, named by option, in one line */
    static void requireValid(CommandSpec spec, ProblemRequest request) {
        List<String> problems = RequestValidator.problems(request);
        if (!problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    problems.stream().map(CliRequests::inOptionTerms).collect(Collectors.joining("; ")));
        }
    }

    /** "stop_temperature must be ..." as "--stop-temperature must be ...". */
    static String inOptionTerms(String sentence) {
        return OPTIONS.entrySet().stream()
                .filter(e -> sentence.startsWith(e.getKey() + " "))
                .findFirst()
                .map(e -> e.getValue() + sentence.substring(e.getKey().length()))
                .orElse(sentence);
    }
}
