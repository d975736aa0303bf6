package io.covey.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import io.covey.core.api.InvalidSpecException;
import io.covey.core.json.Durations;
import io.covey.core.spec.CoveyNames;
import io.covey.core.spec.WorkerSchedule;

/**
 * A worker's {@link WorkerSchedule} as the engine runs it: the due times. Cron expressions are
 * Unix cron (five fields) read by cron-utils in the schedule's zone, so a daylight-saving change
 * moves the times as a person in that zone expects: a time that does not exist that day (in the
 * spring gap) is not run, one that exists twice (in the autumn overlap) runs once. {@code every}
 * counts from the previous due time, so runs do not drift by how long they take.
 */
final class RunSchedule {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final WorkerSchedule spec;
    private final ExecutionTime cron;
    private final ZoneId zone;

    private RunSchedule(WorkerSchedule spec, ExecutionTime cron) {
        this.spec = spec;
        this.cron = cron;
        this.zone = spec.zone();
    }

    /** Reads a schedule; a cron expression that does not parse is refused with what is wrong. */
    static RunSchedule of(WorkerSchedule spec) {
        if (spec.every() != null) {
            return new RunSchedule(spec, null);
        }
        try {
            return new RunSchedule(spec, ExecutionTime.forCron(UNIX.parse(spec.cron())));
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("the schedule's cron expression '" + CoveyNames.printable(spec.cron())
                    + "' is not valid (five fields: minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\"): " + e.getMessage());
        }
    }

    WorkerSchedule spec() {
        return spec;
    }

    /**
     * The first due time strictly after {@code after}. For {@code every}, due times are
     * {@code anchor + k * every}; a cron schedule ignores the anchor.
     */
    Instant next(Instant anchor, Instant after) {
        if (cron == null) {
            Duration every = spec.every();
            if (after.isBefore(anchor)) {
                return anchor;
            }
            long periods = Duration.between(anchor, after).toNanos() / every.toNanos() + 1;
            return anchor.plus(every.multipliedBy(periods));
        }
        Optional<ZonedDateTime> next = cron.nextExecution(after.atZone(zone));
        return next.map(ZonedDateTime::toInstant).orElse(null);
    }

    /** The latest due time at or before {@code now} (after {@code anchor}, for {@code every}). */
    Instant latestDue(Instant anchor, Instant now) {
        if (cron == null) {
            Instant next = next(anchor, now);
            return next.minus(spec.every());
        }
        return cron.lastExecution(now.plusNanos(1).atZone(zone)).map(ZonedDateTime::toInstant).orElse(now);
    }

    /** For messages: the due time in the schedule's zone. */
    String describe(Instant due) {
        return due == null ? "never" : due.atZone(zone).toOffsetDateTime() + (spec.every() == null ? " " + zone : "");
    }

    @Override
    public String toString() {
        return spec.every() != null ? "every " + Durations.format(spec.every()) : "cron '" + spec.cron() + "' in " + zone;
    }
}
