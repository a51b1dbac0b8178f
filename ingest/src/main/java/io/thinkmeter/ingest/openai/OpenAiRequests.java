package io.thinkmeter.ingest.openai;

import io.thinkmeter.ingest.ApiException;
import io.thinkmeter.storage.OpenAiFiles;

/** Query parameters and form fields of the Files and Batches APIs, each wrong one a 400 naming it. */
final class OpenAiRequests {

    private OpenAiRequests() {}

    /** Only batch input files are taken; the platform writes the {@code batch_output} ones itself. */
    static void requirePurpose(String purpose) {
        if (purpose == null || purpose.isEmpty()) {
            throw ApiException.badRequest("purpose is required: 'batch' (files here are batch input files)");
        }
        if (!OpenAiFiles.PURPOSE_BATCH.equals(purpose)) {
            throw ApiException.badRequest("purpose must be 'batch' (files here are batch input files), was '"
                    + shown(purpose) + "'");
        }
    }

    /** {@code limit}: absent gives {@code absent}; otherwise 1 to {@code max}. */
    static int limit(String value, int absent, int max) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, as any other value out of range
        }
        throw ApiException.badRequest("query parameter limit must be a whole number from 1 to " + max + ", was '"
                + shown(value) + "'");
    }

    /** {@code order}: {@code desc} (the default) or {@code asc}, by creation time. */
    static boolean newestFirst(String order) {
        if (order == null || order.isEmpty() || "desc".equals(order)) {
            return true;
        }
        if ("asc".equals(order)) {
            return false;
        }
        throw ApiException.badRequest("query parameter order must be asc or desc, was '" + shown(order) + "'");
    }

    private static String shown(String value) {
        return OpenAiIds.shown(value);
    }
}
