package io.thinkmeter.ops.bench;

import io.thinkmeter.contracts.BudgetTiers;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.ops.demo.DemoPlan;
import io.thinkmeter.ops.platform.ModelDirs;
import io.thinkmeter.ops.platform.ServiceApps;
import io.thinkmeter.ops.platform.Stack;
import io.thinkmeter.ops.platform.StackOptions;
import io.thinkmeter.scheduler.PoolRouter;
import io.thinkmeter.scheduler.SchedulerConfig;
import io.thinkmeter.engine.DecodeRequest;
import io.thinkmeter.engine.RoutedDecoder;
import io.thinkmeter.engine.StopTemperatureTable;
import io.thinkmeter.engine.ReasonerModel;
import io.thinkmeter.engine.runtime.RuntimeOptions;
import io.thinkmeter.engine.RequestMapper;
import io.thinkmeter.engine.BudgetPolicies;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The platform's overhead, measured in one run: the same N problems decoded (1) by the decoding engine
 * alone, one decoder per pool in parallel threads, as the three workers would, and (2) through the
 * whole platform: one JSONL batch to ingest, Kafka, the scheduler, the workers, the sink, until every
 * result is stored in PostgreSQL. The ratio of (2) to (1) is what Kafka, storage and the services cost.
 */
public final class EndToEndBenchmark {

    /** What one run measured. */
    public record Figures(int problems, long generatedTokens, double decodeOnlySeconds, double endToEndSeconds,
                          double firstStoredSeconds, double acceptedSeconds) {

        public double ratio() {
            return endToEndSeconds / decodeOnlySeconds;
        }
    }

    private final ModelDirs models;
    private final ServiceApps apps;
    private final int maxInFlight;
    private final DemoPlan plan;
    private final List<ProblemRequest> requests;

    /** The demo's plan over N problems: budgets 48 / 96 / 192 (one per pool), methods none / bf / ts. */
    public EndToEndBenchmark(ModelDirs models, ServiceApps apps, int maxInFlight, Path evalJsonl, int problems)
            throws IOException {
        this.models = ModelDirs.only(models.main());
        this.apps = apps;
        this.maxInFlight = maxInFlight;
        this.plan = DemoPlan.build(evalJsonl, problems);
        this.requests = new ArrayList<>();
        for (DemoPlan.Item item : plan.items()) {
            requests.add(new ProblemRequest(ProblemRequest.SCHEMA_VERSION, item.clientId(), item.clientId(), "bench",
                    null, requests.size(), item.problem(), item.budget(), item.method(), null, null, null, null, 0,
                    null, Instant.now()));
        }
    }

    public Figures run(Path workDir, java.io.PrintStream progress) throws Exception {
        progress.println("bench e2e: decoding " + requests.size() + " problems with the engine alone...");
        double decodeOnly = decodeOnly();
        progress.printf("bench e2e: decode-only %.1f s; now through the platform...%n", decodeOnly);
        Figures e2e = endToEnd(workDir, progress);
        return new Figures(e2e.problems(), e2e.generatedTokens(), decodeOnly, e2e.endToEndSeconds(),
                e2e.firstStoredSeconds(), e2e.acceptedSeconds());
    }

    /** Each pool's share on its own decoder of maxInFlight, the three in parallel, as the workers run. */
    double decodeOnly() throws Exception {
        PoolRouter router = new PoolRouter(SchedulerConfig.defaults());
        Map<Pool, List<ProblemRequest>> byPool = new EnumMap<>(Pool.class);
        for (ProblemRequest r : requests) {
            byPool.computeIfAbsent(router.poolFor(r), p -> new ArrayList<>()).add(router.route(r));
        }
        List<ReasonerModel> opened = new ArrayList<>();
        ExecutorService pools = Executors.newFixedThreadPool(byPool.size());
        try {
            List<Runnable> work = new ArrayList<>();
            for (List<ProblemRequest> share : byPool.values()) {
                ReasonerModel model = ReasonerModel.open(models.main(), RuntimeOptions.cpuDefaults());
                opened.add(model);
                work.add(() -> decode(model, share));
            }
            long began = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            work.forEach(w -> running.add(pools.submit(w)));
            for (Future<?> f : running) {
                f.get();
            }
            return (System.nanoTime() - began) / 1e9;
        } finally {
            pools.shutdownNow();
            opened.forEach(ReasonerModel::close);
        }
    }

    private void decode(ReasonerModel model, List<ProblemRequest> share) {
        RequestMapper mapper = new RequestMapper(model.descriptor().name(),
                BudgetPolicies.forModel(model, BudgetTiers.DEFAULTS), "bench");
        try (RoutedDecoder decoder = new RoutedDecoder(model, null, maxInFlight)) {
            int next = 0;
            // admit as a worker does: never more than maxInFlight at once
            int inFlight = 0;
            while (next < share.size() || !decoder.idle()) {
                while (next < share.size() && inFlight < maxInFlight) {
                    DecodeRequest d = mapper.toDecode(share.get(next++));
                    decoder.submit(d);
                    inFlight++;
                }
                inFlight -= decoder.step().size();
            }
        }
    }

    private Figures endToEnd(Path workDir, java.io.PrintStream progress) throws Exception {
        try (Stack stack = Stack.start(StackOptions.withIngest(workDir, models, apps, maxInFlight),
                line -> progress.println("bench e2e: " + line))) {
            String key = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), "bench", null);
            ThinkmeterClient client = new ThinkmeterClient(stack.url(), key);
            String jsonl = plan.jsonl();
            DataSource db = stack.platform().database();
            long began = System.nanoTime();
            String batch = client.submitBatch(jsonl);
            double accepted = (System.nanoTime() - began) / 1e9;
            double first = -1;
            long stored = 0;
            long deadline = began + Duration.ofMinutes(60).toNanos();
            while (stored < requests.size() && System.nanoTime() < deadline) {
                stored = count(db, batch);
                if (first < 0 && stored > 0) {
                    first = (System.nanoTime() - began) / 1e9;
                }
                Thread.sleep(50);
            }
            double total = (System.nanoTime() - began) / 1e9;
            if (stored < requests.size()) {
                throw new IllegalStateException("only " + stored + " of " + requests.size() + " results were stored");
            }
            return new Figures(requests.size(), generated(db, batch), 0, total, first, accepted);
        }
    }

    private static long count(DataSource db, String batch) {
        return single(db, "SELECT count(*) FROM results WHERE batch_id = ?", batch);
    }

    private static long generated(DataSource db, String batch) {
        return single(db, "SELECT coalesce(sum(generated_tokens), 0) FROM results WHERE batch_id = ?", batch);
    }

    private static long single(DataSource db, String sql, String batch) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, batch);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
