package io.thinkmeter.engine.decoding;

/** The sampler temperature: divides every logit by t, so t < 1 sharpens and t > 1 flattens. Never forces. */
public final class TemperatureScaling implements Intervention {

    private final double temperature;

    public TemperatureScaling(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
        this.temperature = temperature;
    }

    public double temperature() {
        return temperature;
    }

    @Override
    public void apply(float[] logits) {
        if (temperature == 1) {
            return;
        }
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (logits[i] / temperature);
        }
    }

    @Override
    public void accept(int token) {}

    @Override
    public boolean forcing() {
        return false;
    }

    /** Stateless, so the copy is this instance. */
    @Override
    public Intervention copy() {
        return this;
    }
}
