package io.thinkmeter.engine.runtime;

/** A runtime-owned key-value cache of shape [batch, kv heads, length, head dim] per layer. */
public interface KvCache extends AutoCloseable {

    int batch();

    int length();

    /** Copies the cache to host memory. */
    HostKvCache download();

    @Override
    void close();
}
