package io.thinkmeter.contracts;

/**
 * A record no service could read, kept with the reason, so nothing accepted is silently dropped.
 *
 * @param sourceTopic where it was read
 * @param payload the record's value as text
 */
public record DeadLetter(int schemaVersion, String sourceTopic, String key, String payload, String reason) {}
