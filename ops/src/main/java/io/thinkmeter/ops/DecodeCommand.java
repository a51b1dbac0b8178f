package io.thinkmeter.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.engine.decoding.DecodeSettings;
import io.thinkmeter.engine.DecodeRequest;
import io.thinkmeter.engine.DecodeResult;
import io.thinkmeter.engine.RoutedDecoder;
import io.thinkmeter.engine.StopTemperatureTable;
import io.thinkmeter.engine.ReasonerModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.engine.decoding.BudgetPolicy;
import io.thinkmeter.engine.BudgetPolicies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thinkmeter decode}: one problem through the decoding engine, the same one the workers run. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode one problem under a token budget and print the answer and the token account.")
final class DecodeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROBLEM",
            description = "the problem text (UTF-8); - reads it from standard input")
    String problem;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--method", description = "none, budget-forcing, ts or tldr (default: none)")
    String method;

    @Option(names = "--budget", defaultValue = "256", description = "most tokens generated after the prompt (default: ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--answer-reserve", description = "tokens kept for the answer (default: the model's reasoner.json)")
    Integer answerReserve;

    @Option(names = "--stop-temperature", description = "tau for method ts (default: chosen from the budget)")
    Double stopTemperature;

    @Option(names = "--min-thinking", defaultValue = "0", description = "budget forcing: replace an earlier think-end with 'Wait'")
    int minThinking;

    @Option(names = "--max-waits", defaultValue = "2", description = "most 'Wait' injections (default: ${DEFAULT-VALUE})")
    int maxWaits;

    @Option(names = "--level", description = "TLDR level for method tldr: short, medium or long")
    String level;

    @Mixin
    SamplingOptions samplingOptions;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // The request first, by the rules ingest applies: nothing is loaded for a request that cannot run.
        String text = ProblemText.read(spec, problem, System.in);
        Method m = CliRequests.method(spec, method);
        Level l = CliRequests.level(spec, level);
        CliRequests.requireValid(spec, CliRequests.request(text, budget, m, l, stopTemperature, answerReserve,
                samplingOptions.sampling()));
        if (minThinking < 0 || maxWaits < 0) {
            throw new ParameterException(spec.commandLine(), "--min-thinking and --max-waits must be 0 or more, were "
                    + minThinking + " and " + maxWaits);
        }
        // Like a worker: method tldr runs on the TLDR model when there is one.
        try (ReasonerModel main = modelOptions.open();
             ReasonerModel tldr = m == Method.TLDR ? modelOptions.openTldr() : null;
             RoutedDecoder decoder = new RoutedDecoder(main, tldr, 1)) {
            ReasonerModel reasoner = decoder.modelFor(m);
            BudgetPolicy policy = BudgetPolicies.forModel(reasoner, BudgetTiers.DEFAULTS);
            DecodeSettings settings = policy.settings(m, budget, answerReserve, stopTemperature, minThinking, maxWaits,
                    samplingOptions.sampling());
            decoder.submit(new DecodeRequest("cli", text, policy.level(m, l, null, budget), settings));
            List<DecodeResult> results = decoder.drain();
            print(results.get(0), reasoner, settings);
        }
        return 0;
    }

    /** What {@code --json} prints. @param stopTemperature for method ts only */
    record Output(String answer, String finalAnswer, String thinking, int promptTokens, int thinkingTokens,
                  int answerTokens, int injectedTokens, int generatedTokens, StopReason stopReason, Method method,
                  int budget, int answerReserve, @JsonInclude(JsonInclude.Include.NON_NULL) Double stopTemperature,
                  String model, String runtime, long decodeMs) {}

    private void print(DecodeResult r, ReasonerModel reasoner, DecodeSettings s) throws Exception {
        if (json) {
            System.out.println(Json.text(new Output(r.answer(), r.finalAnswer(), r.thinking(), r.promptTokens(),
                    r.thinkingTokens(), r.answerTokens(), r.injectedTokens(), r.generatedTokens(), r.stopReason(),
                    s.method(), s.budget(), s.answerReserve(), s.stopTemperatureUsed(), reasoner.descriptor().name(),
                    reasoner.runtime().description(), r.decodeMillis())));
            return;
        }
        System.out.println("--- thinking (" + r.thinkingTokens() + " tokens)");
        System.out.println(r.thinking().strip());
        System.out.println("--- answer (" + r.answerTokens() + " tokens)");
        System.out.println(r.answer().strip());
        System.out.printf("final answer: %s%nprompt %d, thinking %d, answer %d, injected %d, generated %d of budget %d;"
                        + " stop: %s%n", r.finalAnswer(), r.promptTokens(), r.thinkingTokens(), r.answerTokens(),
                r.injectedTokens(), r.generatedTokens(), s.budget(), r.stopReason().wireName());
    }
}
