package io.thinkmeter.storage;

import io.thinkmeter.storage.Prices.Price;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Some models' price histories, in memory: the one place that says which price a day has (the one with
 * the latest {@code valid_from} on or before it; none before a model's first price).
 */
final class PriceBook {

    private final Map<String, List<Price>> byModel;

    PriceBook(List<Price> prices) {
        this.byModel = prices.stream().collect(Collectors.groupingBy(Price::model, Collectors.collectingAndThen(
                Collectors.toList(), l -> l.stream().sorted(Comparator.comparing(Price::validFrom)).toList())));
    }

    Optional<Price> at(String model, LocalDate day) {
        Price found = null;
        for (Price p : byModel.getOrDefault(model, List.of())) {
            if (p.validFrom().isAfter(day)) {
                break;
            }
            found = p;
        }
        return Optional.ofNullable(found);
    }
}
