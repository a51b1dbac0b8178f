package io.thinkmeter.engine;

/**
 * Where a batch decoder's wall time went, for benchmarks: cumulative nanoseconds per phase.
 *
 * @param forwardNanos inside the runtime's forward calls (tensor creation, the session, logits copy)
 * @param chainNanos interventions and token picking, all rows
 * @param rebuildNanos moving the KV cache through host memory when rows join or leave
 * @param admitNanos tokenizing and planning requests as they are submitted
 * @param assembleNanos decoding finished sequences' text and extracting answers
 * @param rebuilds how many times the cache went through host memory
 */
public record DecoderStats(long forwardNanos, long chainNanos, long rebuildNanos, long admitNanos,
                           long assembleNanos, int rebuilds) {}
