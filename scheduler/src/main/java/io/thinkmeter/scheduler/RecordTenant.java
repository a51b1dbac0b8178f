package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.Topics;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Whose tokens a record on a problems topic spends. Kafka does not stamp the producer's principal on a
 * record, so the topic carries it: on {@code thinkmeter.problems.<tenant>} the tenant is the topic's,
 * and the broker's ACLs (a prefixed WRITE grant per SASL principal) decide who may write there; a
 * {@code thinkmeter-tenant} header naming another tenant is refused, not obeyed. On the shared
 * {@code thinkmeter.problems}, meant for trusted networks, the header names the tenant, and a record
 * without it is refused.
 *
 * @param tenant the tenant named, not yet checked as a name; null when none could be found
 * @param problem why the record's tenant is not to be trusted, or null
 */
record RecordTenant(String tenant, String problem) {

    static RecordTenant of(String topic, List<byte[]> tenantHeaders) {
        if (tenantHeaders.size() > 1) {
            return new RecordTenant(Topics.tenantOfProblems(topic).orElse(null), "the " + Topics.TENANT_HEADER
                    + " header is given " + tenantHeaders.size() + " times; give it once");
        }
        Optional<String> header = Optional.empty();
        if (tenantHeaders.size() == 1) {
            header = utf8(tenantHeaders.get(0));
            if (header.isEmpty()) {
                return new RecordTenant(Topics.tenantOfProblems(topic).orElse(null),
                        "the " + Topics.TENANT_HEADER + " header is not UTF-8 text");
            }
        }
        Optional<String> owner = Topics.tenantOfProblems(topic);
        if (owner.isPresent()) {
            if (header.isPresent() && !header.get().equals(owner.get())) {
                return new RecordTenant(owner.get(), "the " + Topics.TENANT_HEADER + " header names another tenant"
                        + " than topic " + topic + ", whose tenant is '" + owner.get()
                        + "': the topic decides; leave the header out");
            }
            return new RecordTenant(owner.get(), null);
        }
        return header.map(t -> new RecordTenant(t, null)).orElseGet(() -> new RecordTenant(null,
                "no tenant: produce to " + Topics.problemsOf("<tenant>") + ", or to " + Topics.PROBLEMS + " with the "
                        + Topics.TENANT_HEADER + " header"));
    }

    private static Optional<String> utf8(byte[] bytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
