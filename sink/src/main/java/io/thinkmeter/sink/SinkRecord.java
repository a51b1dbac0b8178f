package io.thinkmeter.sink;

import io.thinkmeter.contracts.BatchAccepted;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.ProblemResult;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.ReservationReleased;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record the sink writes, read as its topic's payload and kept with its source for a dead letter. */
sealed interface SinkRecord {

    ConsumerRecord<String, String> source();

    record Submitted(ConsumerRecord<String, String> source, ProblemRequest request) implements SinkRecord {}

    record Rejected(ConsumerRecord<String, String> source, RejectedRequest rejected) implements SinkRecord {}

    record Result(ConsumerRecord<String, String> source, ProblemResult result) implements SinkRecord {}

    record Batch(ConsumerRecord<String, String> source, BatchAccepted batch) implements SinkRecord {}

    record Released(ConsumerRecord<String, String> source, ReservationReleased release) implements SinkRecord {}
}
