package io.thinkmeter.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of the contracts: snake_case fields, ISO-8601 instants.
 * {@link #forUsers()} refuses unknown fields (a misspelt "budjet" is an error, not a silent default);
 * {@link #forServices()} ignores them, so a newer producer does not break an older consumer.
 */
public final class Json {

    private static final ObjectMapper USERS = base().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final ObjectMapper SERVICES = base()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

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
}
