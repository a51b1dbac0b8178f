package io.thinkmeter.scheduler;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link StoreSpendState} over Kafka Streams' in-memory key-value stores with the topology's names and
 * serdes (so every value goes through its JSON form), in a {@link MockProcessorContext}: the books' state
 * as the topology holds it, without a topology.
 */
final class StoreStates {

    private StoreStates() {}

    static StoreSpendState create() {
        MockProcessorContext<String, SpendOutcome> context = new MockProcessorContext<>();
        List<StoreBuilder<? extends StateStore>> builders = List.of(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SchedulerTopology.BUDGETS_STORE),
                        Serdes.String(), JsonSerde.of(BudgetUsage.class)),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SchedulerTopology.RESERVATIONS_STORE),
                        Serdes.String(), JsonSerde.of(Reservation.class)),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SchedulerTopology.RESERVATION_TIMES_STORE),
                        Serdes.String(), Serdes.String()),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SchedulerTopology.PARKING_QUEUES_STORE),
                        Serdes.String(), JsonSerde.of(StoreSpendState.QueueEnds.class)),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SchedulerTopology.PARKED_STORE),
                        Serdes.String(), JsonSerde.of(ParkedRequest.class)));
        for (StoreBuilder<? extends StateStore> builder : builders) {
            StateStore store = builder.withLoggingDisabled().build(); // the mock context has no changelogs
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
        // Kafka Streams' window stores need its internal context (TopologyTestDriver has it: BudgetsTest
        // covers settled ids there); here they are remembered in a set
        Set<String> settled = new HashSet<>();
        return new StoreSpendState(context, new StoreSpendState.SettledIds() {
            @Override
            public boolean contains(String requestId, Instant now) {
                return settled.contains(requestId);
            }

            @Override
            public void add(String requestId, Instant now) {
                settled.add(requestId);
            }
        });
    }
}
