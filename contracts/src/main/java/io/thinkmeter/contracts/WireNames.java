package io.thinkmeter.contracts;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Looks up the constants of a {@link WireName} enum by their name, strictly: the exact spelling or nothing. */
public final class WireNames {

    private WireNames() {}

    public static <E extends Enum<E> & WireName> Optional<E> find(Class<E> type, String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (E e : type.getEnumConstants()) {
            if (e.wireName().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * @param field the contract field the name was given for, as the sentence names it
     * @throws UnknownWireName when {@code name} is not one of the type's names (or is null)
     */
    public static <E extends Enum<E> & WireName> E parse(Class<E> type, String field, String name) {
        return find(type, name).orElseThrow(() -> new UnknownWireName(field, problem(type, field, name)));
    }

    /** The names a field of this type may take, in declaration order: {@code none, budget-forcing, ts, tldr}. */
    public static <E extends Enum<E> & WireName> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireName::wireName).collect(Collectors.joining(", "));
    }

    /**
     * The unknown name behind a failure to read JSON ({@code "method": "fast"}): Jackson wraps what an
     * enum's creator throws, so the sentence naming the field and its names is found in the causes.
     */
    public static Optional<UnknownWireName> cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownWireName unknown) {
                return Optional.of(unknown);
            }
        }
        return Optional.empty();
    }

    /** {@code method must be one of none, budget-forcing, ts, tldr; was 'fast'} (or {@code was absent}). */
    public static <E extends Enum<E> & WireName> String problem(Class<E> type, String field, String name) {
        return field + " must be one of " + allowed(type) + "; was " + RequestValidator.quoted(name);
    }
}
