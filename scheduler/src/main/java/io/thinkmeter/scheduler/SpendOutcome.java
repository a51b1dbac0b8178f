package io.thinkmeter.scheduler;

import io.thinkmeter.contracts.ProblemRequest;
import io.thinkmeter.contracts.RejectedRequest;
import io.thinkmeter.contracts.ReservationReleased;
import io.thinkmeter.contracts.SpendAlert;

/**
 * One decision of the books, on its way to its topic (exactly one field set): a request to route, a
 * refusal, an alert or a release. Never serialised: the topology splits it right away.
 */
record SpendOutcome(ProblemRequest routed, RejectedRequest refused, SpendAlert alert, ReservationReleased released) {}
