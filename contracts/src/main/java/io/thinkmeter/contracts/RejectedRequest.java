package io.thinkmeter.contracts;

/**
 * A request the platform refused after accepting it on the submitted topic, with why.
 *
 * @param reason a sentence a user can act on ("tenant acme: budget 500 exceeds the 200 tokens left of today's quota")
 */
public record RejectedRequest(int schemaVersion, ProblemRequest request, String reason) {}
