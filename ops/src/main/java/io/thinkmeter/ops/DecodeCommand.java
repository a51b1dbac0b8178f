package io.thinkmeter.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thinkmeter.workers.decoding.DecodeSettings;
import io.thinkmeter.workers.decoding.Method;
import io.thinkmeter.workers.engine.DecodeRequest;
import io.thinkmeter.workers.engine.DecodeResult;
import io.thinkmeter.workers.engine.RoutedDecoder;
import io.thinkmeter.workers.engine.StopTemperatureTable;
import io.thinkmeter.workers.model.ReasonerModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code thinkmeter decode}: one problem through the decoding engine, the same one the workers run. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode one problem under a token budget and print the answer and the token account.")
final class DecodeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROBLEM", description = "the problem text")
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

    @Override
    public Integer call() throws Exception {
        Method m = Method.fromWireName(method);
        // Like a worker: method tldr runs on the TLDR model when there is one.
        try (ReasonerModel main = modelOptions.open();
             ReasonerModel tldr = m == Method.TLDR ? modelOptions.openTldr() : null;
             RoutedDecoder decoder = new RoutedDecoder(main, tldr, 1)) {
            ReasonerModel reasoner = decoder.modelFor(m);
            int reserve = answerReserve != null ? answerReserve : reasoner.descriptor().defaultAnswerReserve();
            double tau = stopTemperature != null ? stopTemperature : StopTemperatureTable.forModel(reasoner).forBudget(budget);
            DecodeSettings settings = new DecodeSettings(m, budget, reserve, tau, minThinking, maxWaits,
                    samplingOptions.sampling());
            decoder.submit(new DecodeRequest("cli", problem, level, settings));
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
            if (s.method() == Method.TS) {
                o.put("stop_temperature", s.stopTemperature());
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
