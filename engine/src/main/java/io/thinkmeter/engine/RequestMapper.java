package io.thinkmeter.engine;

import io.thinkmeter.contracts.BatchCancelled;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.SamplingOptions;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.Timings;
import io.thinkmeter.engine.decoding.BudgetPolicy;
import io.thinkmeter.engine.decoding.Sampling;

import java.time.Duration;
import java.time.Instant;

/**
 * Between the request contract and the decoding engine: what a request leaves open filled in by the
 * {@link BudgetPolicy}, results described. Used by the worker service, and by a benchmark that decodes
 * requests exactly as a worker would, without Kafka.
 */
public final class RequestMapper {


    private final String model;
    private final BudgetPolicy policy;
    private final String worker;

    /** @param policy the served model's; its tiers matter only for a tldr request no scheduler routed */
    public RequestMapper(String model, BudgetPolicy policy, String worker) {
        this.model = model;
        this.policy = policy;
        this.worker = worker;
    }

    public DecodeRequest toDecode(ProblemRequest r) {
        int minThinking = r.minThinking() == null ? 0 : r.minThinking();
        return new DecodeRequest(r.id(), r.problem(), policy.level(r.method(), r.level(), r.pool(), r.budget()),
                policy.settings(r.method(), r.budget(), r.answerReserve(), r.stopTemperature(), minThinking,
                        waitsFor(minThinking), sampling(r.sampling()), r.thinkingLimit()),
                r.messages());
    }

    /**
     * As many "Wait"s as the minimum needs: each adds at least one thinking token, so this many never bind
     * before the minimum is reached (the cap still does).
     */
    public static int waitsFor(int minThinking) {
        return minThinking;
    }

    static Sampling sampling(SamplingOptions s) {
        if (s == null) {
            return Sampling.greedy();
        }
        return new Sampling(s.temperature() == null ? 0 : s.temperature(), s.topK() == null ? 0 : s.topK(),
                s.topP() == null ? 1 : s.topP(), s.seed() == null ? 0 : s.seed());
    }

    /** @param d decoded from {@link #toDecode}{@code (r)}: it carries the tau and level chosen then */
    public ProblemResult toResult(ProblemRequest r, Pool pool, DecodeResult d, Instant started, Instant finished) {
        DecodeRequest decoded = d.request();
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, r.id(), r.clientId(), r.tenant(), r.batch(), r.sequence(),
                d.finalAnswer(), d.thinking(), d.answer(), d.promptTokens(), d.thinkingTokens(), d.answerTokens(),
                d.injectedTokens(), d.generatedTokens(), r.budget(), d.stopReason(), model, r.method(),
                decoded.level(), decoded.settings().stopTemperatureUsed(), pool, worker,
                timings(r, started, finished, d.decodeMillis()), null, r.apiKeyId());
    }

    /** A request the engine refused (for example prompt plus budget beyond the model's context). */
    public ProblemResult toError(ProblemRequest r, Pool pool, String error, Instant at) {
        return notDecoded(r, pool, StopReason.ERROR, error, at);
    }

    /** A request skipped because its batch was cancelled or expired before it started: nothing generated. */
    public ProblemResult toCancelled(ProblemRequest r, Pool pool, BatchCancelled why, Instant at) {
        return notDecoded(r, pool, StopReason.CANCELLED, why.errorText(), at);
    }

    private ProblemResult notDecoded(ProblemRequest r, Pool pool, StopReason reason, String error, Instant at) {
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, r.id(), r.clientId(), r.tenant(), r.batch(),
                r.sequence(), null, null, null, 0, 0, 0, 0, 0, r.budget(), reason, model, r.method(), r.level(), null,
                pool, worker, timings(r, at, at, 0L), error, r.apiKeyId());
    }

    private static Timings timings(ProblemRequest r, Instant started, Instant finished, long decodeMillis) {
        Long queued = r.submittedAt() == null ? null : Duration.between(r.submittedAt(), started).toMillis();
        return new Timings(r.submittedAt(), started, finished, queued, decodeMillis);
    }
}
