-- Stop-temperature calibration: per model and tau, how long the model thinks under temperature-scaled
-- stopping when the budget does not bind, and how often it is then right. Written by
-- `thinkmeter calibrate --jdbc-url ...` (which also writes calibration.json next to the model, the copy
-- workers read); a new measurement of the same model and tau replaces the old one.
CREATE TABLE stop_temperature_calibration (
    model        text             NOT NULL,
    tau          double precision NOT NULL CHECK (tau > 0),
    n            integer          NOT NULL CHECK (n > 0),
    accuracy     double precision NOT NULL CHECK (accuracy BETWEEN 0 AND 1),
    thinking_p50 double precision NOT NULL CHECK (thinking_p50 >= 0),
    thinking_p90 integer          NOT NULL CHECK (thinking_p90 >= 0),
    thinking_max integer          NOT NULL CHECK (thinking_max >= thinking_p90),
    measured_at  timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (model, tau)
);
