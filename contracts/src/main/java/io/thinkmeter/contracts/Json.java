package io.thinkmeter.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of the contracts: snake_case fields, ISO-8601 instants.
 * {@link #forUsers()} refuses unknown fields (a misspelt "budjet" is an error, not a silent default);
 * {@link #forServices()} ignores them, so a newer producer does not break an older consumer;
 * {@link #forFiles()} writes as the services do, indented. Every module writes JSON through these.
 */
public final class Json {

    private static final ObjectMapper USERS = base().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final ObjectMapper SERVICES = base()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectWriter FILES = SERVICES.writerWithDefaultPrettyPrinter();

    private Json() {}

    private static ObjectMapper base() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    }

    public static ObjectMapper forUsers() {
        return USERS;
    }

    public static ObjectMapper forServices() {
        return SERVICES;
    }

    /** For files people read too (the stack and services files): the services' form, indented. */
    public static ObjectWriter forFiles() {
        return FILES;
    }

    /**
     * {@code value} as one line of compact JSON, in the contract's form: for bodies and files a record
     * is written to, never assembled field by field.
     *
     * @throws IllegalArgumentException when it does not serialise (a type Jackson cannot write)
     */
    public static String text(Object value) {
        try {
            return SERVICES.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(value.getClass().getSimpleName() + " does not serialise: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** {@link #text} and a line break: one line of a JSONL file or body. */
    public static String line(Object value) {
        return text(value) + "\n";
    }
}
