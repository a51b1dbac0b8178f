package io.thinkmeter.ingest;

import io.thinkmeter.contracts.RequestValidator;

/**
 * Ids read from a path ({@code /v1/problems/{id}}, {@code /v1/problems/batch/{id}}). Every id ingest gives
 * out is a UUID, so one that is long or holds a control character cannot be one of them: it is
 * answered "not found", as any unknown id is, without asking PostgreSQL, which could not even store
 * some of them (U+0000) and would answer with an error instead.
 */
final class PathIds {

    /** Far above any id ingest gives out (36 characters), and above ids a client could sensibly hold. */
    static final int MAX_CHARS = 256;
    /** How much of a refused id the reply repeats. */
    private static final int SHOWN_CHARS = 80;

    private PathIds() {}

    /** Whether the id could be a stored one, so it is worth looking up. */
    static boolean couldExist(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_CHARS
                && id.chars().noneMatch(Character::isISOControl)
                && RequestValidator.unstorable("id", id) == null;
    }

    /** The id as an error reply repeats it: cut when long (the JSON writer escapes control characters). */
    static String shown(String id) {
        return id.length() <= SHOWN_CHARS ? id : id.substring(0, SHOWN_CHARS) + "... (" + id.length() + " characters)";
    }
}
