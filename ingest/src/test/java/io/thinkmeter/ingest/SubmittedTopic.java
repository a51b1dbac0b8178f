package io.thinkmeter.ingest;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.Map;

/**
 * The submitted topic, open for the whole of one test class: {@code @RegisterExtension static final
 * SubmittedTopic topic = new SubmittedTopic();} after {@code @QuarkusTest}, which starts the broker first.
 */
final class SubmittedTopic implements BeforeAllCallback, AfterAllCallback {

    private SubmittedRecords records;

    @Override
    public void beforeAll(ExtensionContext context) {
        records = new SubmittedRecords();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        records.close();
    }

    /** The topic's end offsets now. */
    Map<TopicPartition, Long> mark() {
        return records.mark();
    }

    /** Every request committed after {@code from} and before now, in offset order per partition. */
    List<SubmittedRecords.Submitted> since(Map<TopicPartition, Long> from) {
        return records.since(from);
    }
}
