package io.thinkmeter.sink;

import io.thinkmeter.contracts.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record storage cannot write, and why: it becomes a dead letter. */
public record Refusal(ConsumerRecord<String, String> source, String reason) {

    /** Says which service refused, for whoever reads the dead-letter topic or the rejections table. */
    public static Refusal of(ConsumerRecord<String, String> source, String why) {
        return new Refusal(source, "storage: " + why);
    }

    Refusal adding(String more) {
        return new Refusal(source, reason + "; " + more);
    }

    DeadLetter deadLetter() {
        return new DeadLetter(1, source.topic(), source.key(), source.value(), reason);
    }

    String where() {
        return source.topic() + "-" + source.partition() + "@" + source.offset() + " (key " + source.key() + ")";
    }
}
