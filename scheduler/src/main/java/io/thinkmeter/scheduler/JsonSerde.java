package io.thinkmeter.scheduler;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.thinkmeter.contracts.Json;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * A Kafka serde for one contract type, in the services' JSON form, so every topic this module writes
 * reads back with {@link Json#forServices()} in any other service.
 */
public final class JsonSerde<T> extends Serdes.WrapperSerde<T> {

    public JsonSerde(Class<T> type) {
        super(serializer(Json.forServices().writerFor(type)), deserializer(Json.forServices().readerFor(type), type));
    }

    private static <T> Serializer<T> serializer(ObjectWriter writer) {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return writer.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + value.getClass().getSimpleName() + " for " + topic, e);
            }
        };
    }

    private static <T> Deserializer<T> deserializer(ObjectReader reader, Class<T> type) {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return reader.readValue(bytes);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from " + topic, e);
            }
        };
    }

    public static <T> Serde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
    }
}
