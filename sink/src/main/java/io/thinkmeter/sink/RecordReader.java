package io.thinkmeter.sink;

import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.contracts.Json;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.ReservationReleased;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.contracts.WireNames;
import io.thinkmeter.storage.RequestStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.Optional;

/** Reads a consumed record as the payload its topic carries. */
final class RecordReader {

    static final List<String> TOPICS = List.of(Topics.BATCHES, Topics.SUBMITTED, Topics.REJECTED, Topics.RESULTS,
            Topics.SPEND_RELEASES);

    private RecordReader() {}

    /**
     * A submitted request is not validated again here (ingest did, the scheduler guards): storage only
     * asks whether the requests table can hold it.
     *
     * @return empty for a submitted request that breaks the requests table's constraints (a budget of 0,
     *         no tenant): the scheduler rejects it, and its rejection, which arrives on the rejected topic
     *         with the reason the user reads, is what storage files, in rejections
     * @throws IllegalArgumentException when the value is not the topic's payload
     */
    static Optional<SinkRecord> read(ConsumerRecord<String, String> record) {
        return switch (record.topic()) {
            case Topics.SUBMITTED -> {
                ProblemRequest request = parse(record, ProblemRequest.class);
                boolean leftToTheScheduler = !RequestStore.meetsTableConstraints(request);
                yield leftToTheScheduler ? Optional.empty() : Optional.of(new SinkRecord.Submitted(record, request));
            }
            case Topics.REJECTED -> Optional.of(new SinkRecord.Rejected(record, parse(record, RejectedRequest.class)));
            case Topics.RESULTS -> Optional.of(new SinkRecord.Result(record, parse(record, ProblemResult.class)));
            case Topics.BATCHES -> Optional.of(new SinkRecord.Batch(record, parse(record, BatchAccepted.class)));
            case Topics.SPEND_RELEASES ->
                    Optional.of(new SinkRecord.Released(record, parse(record, ReservationReleased.class)));
            default -> throw new IllegalArgumentException("the storage sink does not read topic " + record.topic());
        };
    }

    private static <T> T parse(ConsumerRecord<String, String> record, Class<T> type) {
        if (record.value() == null) {
            throw new IllegalArgumentException("not a readable " + type.getSimpleName() + ": the record has no value");
        }
        try {
            return Json.forServices().readValue(record.value(), type);
        } catch (Exception e) {
            // a name the contract does not know ("stop_reason": "gave_up") is said in the sentence naming the field
            String why = WireNames.cause(e).map(Exception::getMessage).orElse(e.getMessage());
            throw new IllegalArgumentException("not a readable " + type.getSimpleName() + ": " + why, e);
        }
    }
}
