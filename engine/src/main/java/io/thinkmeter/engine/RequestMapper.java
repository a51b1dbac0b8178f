package io.thinkmeter.engine;

import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.SamplingOptions;
import io.thinkmeter.contracts.StopReason;
import io.thinkmeter.contracts.Timings;
import io.thinkmeter.engine.decoding.DecodeSettings;
import io.thinkmeter.engine.decoding.Sampling;
import io.thinkmeter.engine.DecodeRequest;
import io.thinkmeter.engine.DecodeResult;
import io.thinkmeter.engine.StopTemperatureTable;

import java.time.Duration;
import java.time.Instant;

/**
 * Between the request contract and the decoding engine: defaults filled in, results described. Used by the
 * worker service, and by a benchmark that decodes requests exactly as a worker would, without Kafka.
 */
public final class RequestMapper {

    /** Minimum thinking is not part of the request contract; the worker never injects "Wait". */
    private static final int NO_MIN_THINKING = 0;

    private final String model;
    private final int defaultAnswerReserve;
    private final StopTemperatureTable stopTemperatures;
    private final String worker;

    public RequestMapper(String model, int defaultAnswerReserve, StopTemperatureTable stopTemperatures, String worker) {
        this.model = model;
        this.defaultAnswerReserve = defaultAnswerReserve;
        this.stopTemperatures = stopTemperatures;
        this.worker = worker;
    }

    public DecodeRequest toDecode(ProblemRequest r) {
        int reserve = r.answerReserve() != null ? r.answerReserve() : Math.min(defaultAnswerReserve, r.budget() - 1);
        double tau = r.stopTemperature() != null ? r.stopTemperature() : stopTemperatures.forBudget(r.budget());
        return new DecodeRequest(r.id(), r.problem(), level(r),
                new DecodeSettings(r.method(), r.budget(), Math.max(0, reserve), tau, NO_MIN_THINKING, 0,
                        sampling(r.sampling())));
    }

    /**
     * The TLDR level: the request's, else (tldr only) its pool's, which the scheduler chose from the
     * budget with its own thresholds. Requests routed by this version of the scheduler carry it already.
     */
    static Level level(ProblemRequest r) {
        if (r.level() != null || r.method() != Method.TLDR || r.pool() == null) {
            return r.level();
        }
        return Level.of(r.pool());
    }

    static Sampling sampling(SamplingOptions s) {
        if (s == null) {
            return Sampling.greedy();
        }
        return new Sampling(s.temperature() == null ? 0 : s.temperature(), s.topK() == null ? 0 : s.topK(),
                s.topP() == null ? 1 : s.topP(), s.seed() == null ? 0 : s.seed());
    }

    public ProblemResult toResult(ProblemRequest r, Pool pool, DecodeResult d, Instant started, Instant finished) {
        Double tau = r.method() == Method.TS ? toDecode(r).settings().stopTemperature() : null;
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, r.id(), r.clientId(), r.tenant(), r.batch(), r.sequence(),
                d.finalAnswer(), d.thinking(), d.answer(), d.promptTokens(), d.thinkingTokens(), d.answerTokens(),
                d.injectedTokens(), d.generatedTokens(), r.budget(), d.stopReason(), model, r.method(),
                level(r), tau, pool, worker, timings(r, started, finished, d.decodeMillis()), null);
    }

    /** A request the engine refused (for example prompt plus budget beyond the model's context). */
    public ProblemResult toError(ProblemRequest r, Pool pool, String error, Instant at) {
        return new ProblemResult(ProblemResult.SCHEMA_VERSION, r.id(), r.clientId(), r.tenant(), r.batch(),
                r.sequence(), null, null, null, 0, 0, 0, 0, 0, r.budget(), StopReason.ERROR, model, r.method(), r.level(), null,
                pool, worker, timings(r, at, at, 0L), error);
    }

    private static Timings timings(ProblemRequest r, Instant started, Instant finished, long decodeMillis) {
        Long queued = r.submittedAt() == null ? null : Duration.between(r.submittedAt(), started).toMillis();
        return new Timings(r.submittedAt(), started, finished, queued, decodeMillis);
    }
}
