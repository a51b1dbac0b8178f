package io.thinkmeter.scheduler;

/** The FIFO queue parked requests of one tenant and API key ({@code apiKeyId} null: none) wait in. */
public record ParkingQueue(String tenant, String apiKeyId) {

    public ParkingQueue {
        apiKeyId = BudgetKey.keyIdOf(apiKeyId);
    }

    String storeKey() {
        return tenant + BudgetKey.SEPARATOR + (apiKeyId == null ? "" : apiKeyId);
    }
}
