package io.thinkmeter.engine;

/**
 * What one stop temperature did on a calibration set: how long the model thought under it and how
 * often it was right. Measured by {@code thinkmeter calibrate} with a budget large enough that the
 * cap never binds, so the lengths are the model's own under that tau.
 *
 * @param tau the stop temperature
 * @param n problems decoded
 * @param accuracy share of them answered correctly, 0 to 1
 * @param thinkingP50 median thinking tokens
 * @param thinkingP90 90th percentile of thinking tokens (nearest rank)
 * @param thinkingMax the longest thinking seen
 */
public record CalibrationRow(double tau, int n, double accuracy, double thinkingP50, int thinkingP90,
                             int thinkingMax) {

    public CalibrationRow {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("calibrated stop temperature must be positive and finite, was " + tau);
        }
        if (n < 1) {
            throw new IllegalArgumentException("calibration row for tau " + tau + " needs at least one problem, had " + n);
        }
        if (thinkingP90 < 0 || thinkingMax < thinkingP90) {
            throw new IllegalArgumentException("calibration row for tau " + tau + ": need 0 <= p90 <= max, got p90 "
                    + thinkingP90 + " and max " + thinkingMax);
        }
    }
}
