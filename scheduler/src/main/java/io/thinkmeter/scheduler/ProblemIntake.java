package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.DeadLetter;
import io.thinkmeter.contracts.ProblemRecord;
import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.RequestValidator;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Kafka's front door: turns one record of a problems topic into the request ingest would have
 * published, filling what the record leaves out (tenant, request id, submission time), or says why it
 * cannot: a rejection with every reason when it is a JSON object that is not a valid problem of a known
 * tenant, a dead letter when it is not even a JSON object. Pure: the topology hands it what Kafka knows
 * about the record.
 */
final class ProblemIntake {

    /**
     * Where a record was read, and what of its metadata the request is made from.
     *
     * @param timestampMillis the record's timestamp: the broker's append time on topics the platform creates
     * @param key the record's key as text, kept on a dead letter; any key, or none, is fine
     * @param tenantHeaders the values of every {@code thinkmeter-tenant} header
     */
    record Origin(String topic, int partition, long offset, long timestampMillis, String key,
                  List<byte[]> tenantHeaders) {}

    /** What became of the record: exactly one of the three is set; {@code key} is the output record's key. */
    record Outcome(String key, ProblemRequest accepted, RejectedRequest rejected, DeadLetter deadLetter) {}

    /** Fields whose sentence the validator words through another field, which may be what is missing. */
    private static final Map<String, Set<String>> DEPENDENT = Map.of(
            "budget", Set.of("budget", "answer_reserve"),
            "method", Set.of("method", "stop_temperature"));

    private final Predicate<String> knownTenant;

    /** @param knownTenant whether a tenant (a valid name) exists on the platform */
    ProblemIntake(Predicate<String> knownTenant) {
        this.knownTenant = knownTenant;
    }

    Outcome take(Origin origin, byte[] value) {
        String text;
        try {
            text = value == null ? null : StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return deadLetter(origin, new String(value, StandardCharsets.UTF_8),
                    "not UTF-8 text: expected a problem JSON object");
        }
        ProblemRecordReader.Read read = ProblemRecordReader.read(text);
        if (!read.readable()) {
            return deadLetter(origin, text, read.unreadableWhy());
        }
        RecordTenant tenant = RecordTenant.of(origin.topic(), origin.tenantHeaders());
        Instant submittedAt = Instant.ofEpochMilli(origin.timestampMillis());
        String recordId = KafkaRequestIds.ofRecord(origin.topic(), origin.partition(), origin.offset());
        ProblemRecord record = read.record();
        ProblemRequest request = record.toRequest(recordId, tenant.tenant(), submittedAt);

        List<String> problems = new ArrayList<>();
        if (tenant.problem() != null) {
            problems.add(tenant.problem());
        }
        problems.addAll(read.problems());
        List<String> contract = RequestValidator.problems(request);
        for (String sentence : contract) {
            if (!saidElsewhere(sentence, tenant, read)) {
                problems.add(sentence);
            }
        }
        boolean tenantIsName = tenant.tenant() != null && contract.stream().noneMatch(p -> p.startsWith("tenant "));
        if (tenant.problem() == null && tenantIsName && !knownTenant.test(request.tenant())) {
            problems.add("tenant '" + request.tenant() + "' is unknown: create it through ingest (POST /v1/tenants)"
                    + " before producing its problems");
        }
        if (!problems.isEmpty()) {
            // a name that is not one is kept out of the stored rejection, whose reason quotes it
            boolean batchValid = contract.stream().noneMatch(p -> p.startsWith("batch "));
            ProblemRequest refused = record.toRequest(recordId, tenantIsName ? request.tenant() : null, submittedAt);
            if (!batchValid) {
                refused = new ProblemRequest(refused.schemaVersion(), refused.id(), refused.clientId(), refused.tenant(),
                        null, null, refused.problem(), refused.budget(), refused.method(), refused.level(),
                        refused.stopTemperature(), refused.answerReserve(), refused.sampling(), refused.priority(), null,
                        submittedAt);
            }
            return new Outcome(recordId, null,
                    new RejectedRequest(SchedulerTopology.REJECTED_SCHEMA_VERSION, refused, String.join("; ", problems)),
                    null);
        }
        if (record.batch() != null && record.clientId() != null) {
            request = record.toRequest(KafkaRequestIds.ofProblem(request.tenant(), record.batch(), record.clientId()),
                    request.tenant(), submittedAt);
        }
        return new Outcome(request.id(), request, null, null);
    }

    /**
     * Whether the validator's sentence repeats, or misstates, something noted before it: a tenant the
     * topic or header gave wrongly, or a field that was absent or unreadable (published as 0 or null, so
     * "was 0" would only confuse).
     */
    private static boolean saidElsewhere(String sentence, RecordTenant tenant, ProblemRecordReader.Read read) {
        String field = sentence.substring(0, Math.max(0, sentence.indexOf(' ')));
        if (field.equals("tenant") && tenant.problem() != null) {
            return true;
        }
        boolean budgetNoted = read.record().budget() == null;
        for (Map.Entry<String, Set<String>> dependent : DEPENDENT.entrySet()) {
            boolean noted = dependent.getKey().equals("budget") ? budgetNoted
                    : read.unreadable().contains(dependent.getKey());
            if (noted && dependent.getValue().contains(field)) {
                return true;
            }
        }
        return false;
    }

    private static Outcome deadLetter(Origin origin, String payload, String why) {
        return new Outcome(origin.key(), null, null,
                new DeadLetter(ParsedRequest.DEAD_LETTER_SCHEMA_VERSION, origin.topic(), origin.key(), payload, why));
    }
}
