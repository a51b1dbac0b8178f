package io.thinkmeter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.contracts.Method;
import io.thinkmeter.ops.client.ThinkmeterClient;
import io.thinkmeter.evaluation.Combination;
import io.thinkmeter.evaluation.CorrectnessStore;
import io.thinkmeter.evaluation.Outcome;
import io.thinkmeter.ops.eval.PlatformEvalRunner;
import io.thinkmeter.evaluation.Problem;
import io.thinkmeter.evaluation.ProblemSetLoader;
import io.thinkmeter.ops.platform.ModelDirs;
import io.thinkmeter.ops.platform.Stack;
import io.thinkmeter.engine.decoding.Sampling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Evaluation through the platform: 6 problems under two combinations, each a batch through ingest,
 * Kafka, the scheduler, the workers and the sink; every verdict lands in {@code results.correct}.
 */
class EvalViaPlatformIT {

    /** Tests only: the real answer grader is plugged in by the integrator; integers suffice here. */
    private static boolean sameAnswer(String predicted, String gold) {
        return predicted != null && predicted.trim().equals(gold.trim());
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void verdictsShouldBeStoredWithTheResults(@TempDir Path dir) throws Exception {
        List<Problem> problems = ProblemSetLoader.load(ItStack.model().resolve("eval.jsonl"), 6);
        List<Combination> combinations = List.of(new Combination(Method.BUDGET_FORCING, 96, null, null),
                new Combination(Method.TS, 96, null, null));
        try (Stack stack = Stack.start(dir, ModelDirs.only(ItStack.model()), ItStack.apps(), 8, new Properties())) {
            String key = ThinkmeterClient.createTenant(stack.url(), stack.adminKey(), "eval", null);
            PlatformEvalRunner runner = new PlatformEvalRunner(new ThinkmeterClient(stack.url(), key),
                    new CorrectnessStore(stack.platform().database()), Sampling.greedy(), null,
                    EvalViaPlatformIT::sameAnswer, Duration.ofMinutes(2), null);
            List<Outcome> outcomes = runner.run(problems, combinations);

            assertEquals(12, outcomes.size());
            long correct = outcomes.stream().filter(Outcome::correct).count();
            assertTrue(correct >= 6, "easy problems at budget 96: " + outcomes);
            try (Connection c = stack.platform().database().getConnection();
                 PreparedStatement q = c.prepareStatement("SELECT correct, method, stop_temperature FROM results "
                         + "WHERE request_id = ?")) {
                for (Outcome o : outcomes) {
                    assertNull(o.error(), o.toString());
                    assertTrue(o.generatedTokens() <= 96, o.toString());
                    q.setString(1, o.requestId());
                    try (ResultSet rs = q.executeQuery()) {
                        assertTrue(rs.next(), "stored: " + o);
                        assertEquals(o.correct(), rs.getBoolean(1), o.toString());
                        assertEquals(o.method().wireName(), rs.getString(2));
                        if (o.method() == Method.TS) {
                            assertNotNull(o.stopTemperature(), "the worker says which tau it chose");
                            assertEquals(o.stopTemperature(), rs.getDouble(3));
                        }
                    }
                }
            }
        }
    }
}
