package io.thinkmeter.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.workers.decoding.BudgetPolicy;
import io.thinkmeter.workers.decoding.DecodeSettings;
import io.thinkmeter.workers.decoding.Method;
import io.thinkmeter.workers.engine.BudgetPolicies;
import io.thinkmeter.workers.engine.DecodeRequest;
import io.thinkmeter.workers.engine.DecodeResult;
import io.thinkmeter.workers.engine.RoutedDecoder;
import io.thinkmeter.workers.model.ReasonerModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
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

    @Option(names = "--method", defaultValue = "none", description = "none, budget-forcing, ts or tldr (default: ${DEFAULT-VALUE})")
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
        CliRequests.requireValid(spec, CliRequests.request(text, budget, method, level, stopTemperature, answerReserve,
                samplingOptions.sampling()));
        if (minThinking < 0 || maxWaits < 0) {
            throw new ParameterException(spec.commandLine(), "--min-thinking and --max-waits must be 0 or more, were "
                    + minThinking + " and " + maxWaits);
        }
        Method m = Method.fromWireName(method);
        // Like a worker: method tldr runs on the TLDR model when there is one.
        try (ReasonerModel main = modelOptions.open();
             ReasonerModel tldr = m == Method.TLDR ? modelOptions.openTldr() : null;
             RoutedDecoder decoder = new RoutedDecoder(main, tldr, 1)) {
            ReasonerModel reasoner = decoder.modelFor(m);
            BudgetPolicy policy = BudgetPolicies.forModel(reasoner, BudgetTiers.DEFAULTS);
            DecodeSettings settings = policy.settings(m, budget, answerReserve, stopTemperature, minThinking, maxWaits,
                    samplingOptions.sampling());
            decoder.submit(new DecodeRequest("cli", text, policy.level(m, level, null, budget), settings));
            List<DecodeResult> results = decoder.drain();
            print(results.get(0), reasoner, settings);
        }
        return 0;
    }

    private void print(DecodeResult r, ReasonerModel reasoner, DecodeSettings s) throws Exception {
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("answer", r.answer());
            o.put("final_answer", r.finalAnswer());
            o.put("thinking", r.thinking());
            o.put("prompt_tokens", r.promptTokens());
            o.put("thinking_tokens", r.thinkingTokens());
            o.put("answer_tokens", r.answerTokens());
            o.put("injected_tokens", r.injectedTokens());
            o.put("generated_tokens", r.generatedTokens());
            o.put("stop_reason", r.stopReason().wireName());
            o.put("method", s.method().wireName());
            o.put("budget", s.budget());
            o.put("answer_reserve", s.answerReserve());
            if (s.stopTemperatureUsed() != null) {
                o.put("stop_temperature", s.stopTemperatureUsed());
            }
            o.put("model", reasoner.descriptor().name());
            o.put("runtime", reasoner.runtime().description());
            o.put("decode_ms", r.decodeMillis());
            System.out.println(new ObjectMapper().writeValueAsString(o));
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
