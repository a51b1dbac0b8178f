package io.thinkmeter.engine.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The runtimes on the class path, and the choice among them that configuration makes. */
public final class RuntimeRegistry {

    private final List<RuntimeProvider> providers;

    public RuntimeRegistry(List<RuntimeProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    public static RuntimeRegistry discover() {
        List<RuntimeProvider> found = new ArrayList<>();
        ServiceLoader.load(RuntimeProvider.class).forEach(found::add);
        return new RuntimeRegistry(found);
    }

    public List<RuntimeProvider> providers() {
        return providers;
    }

    /**
     * The provider named by configuration, or for "auto" the highest-ranked available one.
     *
     * @throws IllegalStateException naming what is missing when the chosen runtime cannot run here
     */
    public RuntimeProvider select(String name) {
        if ("auto".equals(name)) {
            return providers.stream()
                    .filter(p -> p.unavailableReason().isEmpty())
                    .max(Comparator.comparingInt(RuntimeProvider::rank))
                    .orElseThrow(() -> new IllegalStateException("no model runtime can run here: " + reasons()));
        }
        RuntimeProvider provider = providers.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown runtime '" + name + "'; known: "
                        + providers.stream().map(RuntimeProvider::name).collect(Collectors.joining(", "))
                        + " or auto"));
        provider.unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("runtime '" + name + "' cannot run here: " + reason);
        });
        return provider;
    }

    private String reasons() {
        return providers.stream()
                .map(p -> p.name() + ": " + p.unavailableReason().orElse("available"))
                .collect(Collectors.joining("; "));
    }
}
