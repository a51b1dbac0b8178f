package io.thinkmeter.ingest;

import io.thinkmeter.storage.Usage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The query of {@code GET /v1/usage}: {@code start} and {@code end} (end exclusive; each an ISO-8601 instant, a
 * date meaning its UTC midnight, or unix seconds), {@code bucket} ({@code 1h} or {@code 1d}, default 1d),
 * {@code group_by} (names from {@link Usage.Group}) and, for the operator only, {@code tenant}. Every problem
 * is listed in one 400.
 */
final class UsageParams {

    /** Enough for 41 days by the hour or years by the day; more is a download, not a page. */
    static final int MAX_BUCKETS = 1000;
    private static final Pattern UNIX_SECONDS = Pattern.compile("\\d{1,12}");
    private static final String GROUPS = Arrays.stream(Usage.Group.values()).map(Usage.Group::wireName)
            .collect(Collectors.joining(", "));

    private UsageParams() {}

    /**
     * @param operator whether the caller holds the admin key: only the operator sees other tenants
     * @param callerTenant the bearer key's tenant (null for the operator): the only tenant a tenant sees
     * @param now what an absent {@code end} means
     */
    static Usage.Query parse(String start, String end, String bucket, String groupBy, String tenant, boolean operator,
                             String callerTenant, Instant now) {
        List<String> problems = new ArrayList<>();
        Instant from = null;
        if (start == null || start.isBlank()) {
            problems.add("query parameter start is required: an ISO-8601 instant (2026-11-28T00:00:00Z), a date "
                    + "(2026-11-28, its UTC midnight) or unix seconds");
        } else {
            from = instant("start", start, problems);
        }
        Instant to = end == null || end.isBlank() ? now.truncatedTo(ChronoUnit.SECONDS) : instant("end", end, problems);
        Duration width = width(bucket, problems);
        List<Usage.Group> groups = groups(groupBy, operator, problems);
        if (tenant != null && !operator) {
            problems.add("query parameter tenant is the operator's (X-Admin-Key): an API key sees its own tenant only");
        } else if (tenant != null && !tenant.isBlank() && !PathIds.couldExist(tenant)) {
            problems.add("query parameter tenant cannot be a tenant's id, was '" + shown(tenant) + "'");
        }
        if (from != null && to != null && width != null) {
            if (!to.isAfter(from)) {
                problems.add("end (" + to + ") must be after start (" + from + "); end is exclusive");
            } else {
                long buckets = (Duration.between(from, to).toSeconds() + width.toSeconds() - 1) / width.toSeconds();
                if (buckets > MAX_BUCKETS) {
                    problems.add("start to end holds " + buckets + " buckets of " + bucketName(width)
                            + "; at most " + MAX_BUCKETS + " are answered at once: narrow the range or use a wider bucket");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid usage query", problems);
        }
        return new Usage.Query(from, to, width, groups, operator ? blankToNull(tenant) : callerTenant);
    }

    static String bucketName(Duration width) {
        return width.equals(Duration.ofHours(1)) ? "1h" : "1d";
    }

    /** In whole seconds: buckets are answered in unix seconds, and PostgreSQL keeps no nanoseconds. */
    private static Instant instant(String name, String value, List<String> problems) {
        String v = value.trim();
        try {
            if (UNIX_SECONDS.matcher(v).matches()) {
                return Instant.ofEpochSecond(Long.parseLong(v));
            }
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            problems.add("query parameter " + name + " must be an ISO-8601 instant (2026-11-28T00:00:00Z), a date "
                    + "(2026-11-28) or unix seconds, was '" + shown(value) + "'");
            return null;
        }
    }

    private static Duration width(String bucket, List<String> problems) {
        if (bucket == null || bucket.isBlank()) {
            return Duration.ofDays(1);
        }
        return switch (bucket.trim().toLowerCase(Locale.ROOT)) {
            case "1h" -> Duration.ofHours(1);
            case "1d" -> Duration.ofDays(1);
            default -> {
                problems.add("query parameter bucket must be 1h or 1d, was '" + shown(bucket) + "'");
                yield null;
            }
        };
    }

    private static List<Usage.Group> groups(String groupBy, boolean operator, List<String> problems) {
        if (groupBy == null || groupBy.isBlank()) {
            return List.of();
        }
        Set<Usage.Group> groups = new LinkedHashSet<>();
        for (String name : groupBy.split(",")) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            Usage.Group found = Arrays.stream(Usage.Group.values()).filter(g -> g.wireName().equals(n)).findFirst()
                    .orElse(null);
            if (found == null) {
                problems.add("query parameter group_by names '" + shown(name.trim()) + "'; it may name " + GROUPS);
            } else if (found == Usage.Group.TENANT && !operator) {
                problems.add("group_by tenant is the operator's (X-Admin-Key): an API key sees its own tenant only");
            } else {
                groups.add(found);
            }
        }
        return List.copyOf(groups);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String shown(String value) {
        return PathIds.shown(value);
    }
}
