package io.thinkmeter.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The period a budget counts tokens over, always in UTC. A request is charged to the windows of the
 * instant it was submitted, whenever it finishes: what admitted it is what it is charged to.
 */
public enum BudgetWindow implements WireName {
    DAY("day"), MONTH("month");

    public static final String FIELD = "window";

    private final String wireName;

    BudgetWindow(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    /** The window's period that {@code at} falls in: {@code 2026-11-28} for a day, {@code 2026-11} for a month. */
    public String periodOf(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return this == DAY ? day.toString() : YearMonth.from(day).toString();
    }

    /** The first instant of the period {@code at} falls in. */
    public Instant startOf(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        LocalDate first = this == DAY ? day : day.withDayOfMonth(1);
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the period {@code at} falls in. */
    public Instant endOf(Instant at) {
        LocalDate day = LocalDate.ofInstant(startOf(at), ZoneOffset.UTC);
        return (this == DAY ? day.plusDays(1) : day.plusMonths(1)).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** @throws UnknownWireName naming the field and the windows there are */
    @JsonCreator
    public static BudgetWindow fromWireName(String name) {
        return WireNames.parse(BudgetWindow.class, FIELD, name);
    }
}
