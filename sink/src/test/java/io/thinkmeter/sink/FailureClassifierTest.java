package io.thinkmeter.sink;

import io.thinkmeter.storage.StorageException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static io.thinkmeter.sink.FailureClassifier.Kind.DATA;
import static io.thinkmeter.sink.FailureClassifier.Kind.RETRIABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FailureClassifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"22021", "22008", "22P02", "23505", "23514", "54000"})
    void shouldBlameTheDataForDataExceptionsConstraintViolationsAndProgramLimits(String state) {
        assertEquals(DATA, FailureClassifier.classify(new SQLException("refused", state)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08003", "08006", "53100", "53300", "57P01", "57P03", "40001", "40P01", "42P01",
            "25P02", "XX000"})
    void shouldRetryConnectionResourceShutdownConcurrencyAndUnknownFailures(String state) {
        assertEquals(RETRIABLE, FailureClassifier.classify(new SQLException("failed", state)));
    }

    @Test
    void shouldRetryAnSqlExceptionWithoutAState() {
        assertEquals(RETRIABLE, FailureClassifier.classify(new SQLException("no state")));
    }

    @Test
    void shouldReadTheStateOfTheFailureABatchWraps() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 3 INSERT ... was aborted", null, 0,
                new int[0], null);
        batch.setNextException(new SQLException("ERROR: timestamp out of range", "22008"));

        assertEquals(DATA, FailureClassifier.classify(batch));
        assertEquals("ERROR: timestamp out of range", FailureClassifier.describe(batch));
    }

    @Test
    void shouldBlameTheDataForOurOwnChecksEvenWhenWrapped() {
        IllegalArgumentException check = new IllegalArgumentException("request r1 has budget 0; it must be at least 1");

        assertEquals(DATA, FailureClassifier.classify(check));
        assertEquals(DATA, FailureClassifier.classify(new RuntimeException("wrapped", check)));
        assertEquals("request r1 has budget 0; it must be at least 1",
                FailureClassifier.describe(new RuntimeException("wrapped", check)));
    }

    @Test
    void shouldClassifyByTheSqlStateInsideAStorageException() {
        assertEquals(RETRIABLE, FailureClassifier.classify(new StorageException("could not store",
                new SQLException("Connection refused", "08001"))));
        assertEquals(DATA, FailureClassifier.classify(new StorageException("could not store",
                new SQLException("invalid byte sequence", "22021"))));
    }

    @Test
    void shouldRetryEverythingElse() {
        assertEquals(RETRIABLE, FailureClassifier.classify(new IllegalStateException("a bug of ours")));
        assertEquals(RETRIABLE, FailureClassifier.classify(new TimeoutException("broker down")));
        assertEquals(RETRIABLE, FailureClassifier.classify(new NullPointerException()));
    }

    @Test
    void shouldDescribeAMultiLineServerMessageOnOneLine() {
        SQLException e = new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00\n  Where: unnamed portal",
                "22021");

        assertEquals("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 Where: unnamed portal",
                FailureClassifier.describe(e));
        assertEquals("NullPointerException", FailureClassifier.describe(new NullPointerException()));
    }
}
