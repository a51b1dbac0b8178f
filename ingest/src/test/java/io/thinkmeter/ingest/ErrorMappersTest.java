package io.thinkmeter.ingest;

import io.thinkmeter.storage.StorageException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ErrorMappersTest {

    @Test
    void shouldNeverTellTheCallerWhatPostgresSaid() {
        String raw = "ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 where: unnamed portal parameter $1";
        Response r = new ErrorMappers().storageDown(new StorageException("could not read problem x of tenant t",
                new SQLException(raw)), null);

        assertEquals(503, r.getStatus());
        ErrorBody body = (ErrorBody) r.getEntity();
        assertEquals("PostgreSQL could not answer; retry later", body.error());
        assertEquals(List.of("a database call failed; what PostgreSQL said is in ingest's log"), body.problems());
        assertFalse(body.toString().contains("0x00"), body.toString());
    }

    @Test
    void shouldTellTheCallerHowToRetryASubmissionKafkaDidNotCommit() {
        IdempotencyKey key = new IdempotencyKey("retry-me", true);
        Response r = new ErrorMappers().notAccepted(new NotAcceptedException(key, "b-1",
                new PublishFailedException("Kafka did not commit batch b-1 within 15 s", null)), null);

        assertEquals(503, r.getStatus());
        assertEquals("retry-me", r.getHeaderString(IdempotencyKey.HEADER));
        ErrorBody body = (ErrorBody) r.getEntity();
        assertEquals("retry-me", body.idempotencyKey());
        assertEquals("b-1", body.batchId());
        assertEquals("the batch was not accepted: Kafka did not commit it in time; retry later", body.error());
    }
}
