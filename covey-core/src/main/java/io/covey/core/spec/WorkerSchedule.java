package io.covey.core.spec;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import io.covey.core.api.InvalidSpecException;
import io.covey.core.json.DurationJson;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * When a scheduled worker runs: at the times of a cron expression, or every so long. A scheduled
 * worker is not kept alive: each run is an attempt of its own that ends (completed, crashed,
 * stopped), and the next run comes at the next time. On the wire either a cron string
 * ({@code "schedule": "0 3 * * *"}) or an object:
 * {@code {"cron": "0 3 * * *", "timeZone": "Europe/Berlin", "overlap": "forbid", "missed": "skip"}}
 * or {@code {"every": "15m"}}. Unset fields are the defaults, kept unset so the spec stays as written.
 *
 * @param cron     five fields, minute hour day-of-month month day-of-week (Unix cron; the engine checks it)
 * @param every    a fixed period instead of a cron expression, counted from the previous due time
 * @param timeZone the zone the cron expression is read in; {@code UTC} when not given, never the host's
 * @param overlap  what a run that comes due while the previous one still goes on does; {@code forbid} by default
 * @param missed   what runs that came due while the manager was not running do; {@code skip} by default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerSchedule(
        String cron,
        @JsonSerialize(using = DurationJson.Serializer.class) @JsonDeserialize(using = DurationJson.Deserializer.class)
        Duration every,
        String timeZone,
        Overlap overlap,
        Missed missed) {

    /** What a run that comes due while the previous one still goes on does. */
    public enum Overlap {
        /** It is skipped, with a {@code schedule} event of outcome {@code skipped}. The default. */
        FORBID,
        /** The previous run is stopped and the new one starts once it has ended. */
        REPLACE,
        /** It starts beside the previous one; the worker's state follows the newest run. */
        ALLOW;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Overlap fromWireName(String name) {
            return Arrays.stream(values()).filter(o -> o.wireName().equals(name == null ? "" : name.trim().toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "schedule overlap '" + name + "' is unknown: use forbid, replace or allow"));
        }
    }

    /** What runs that came due while the manager was not running (a host restart) do. */
    public enum Missed {
        /** They are skipped; the schedule goes on from the next time. The default. */
        SKIP,
        /** One run starts at once (however many were missed), then the schedule goes on. */
        RUN_ONCE;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @JsonCreator
        public static Missed fromWireName(String name) {
            String normalized = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            return Arrays.stream(values()).filter(m -> m.wireName().equals(normalized))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "schedule missed '" + name + "' is unknown: use skip or run-once"));
        }
    }

    public WorkerSchedule {
        if ((cron == null || cron.isBlank()) == (every == null)) {
            throw new InvalidSpecException("a schedule has either \"cron\" (e.g. \"0 3 * * *\") or \"every\" (e.g. \"15m\"), not "
                    + (every == null ? "neither" : "both"));
        }
        if (every != null && (every.isNegative() || every.isZero())) {
            throw new InvalidSpecException("a schedule's \"every\" must be positive, was " + every);
        }
        cron = cron == null ? null : cron.trim();
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                throw new InvalidSpecException("a schedule's timeZone '" + CoveyNames.printable(timeZone)
                        + "' is no time zone: use a region such as Europe/Berlin, or UTC");
            }
        }
    }

    /** The string form: a cron expression with every default. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static WorkerSchedule ofCron(String cron) {
        return new WorkerSchedule(cron, null, null, null, null);
    }

    public static WorkerSchedule every(Duration period) {
        return new WorkerSchedule(null, period, null, null, null);
    }

    public WorkerSchedule inZone(String zone) {
        return new WorkerSchedule(cron, every, zone, overlap, missed);
    }

    public WorkerSchedule withOverlap(Overlap value) {
        return new WorkerSchedule(cron, every, timeZone, value, missed);
    }

    public WorkerSchedule withMissed(Missed value) {
        return new WorkerSchedule(cron, every, timeZone, overlap, value);
    }

    /** The zone the schedule is read in: the one given, else UTC. */
    public ZoneId zone() {
        return timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone);
    }

    public Overlap overlapPolicy() {
        return overlap == null ? Overlap.FORBID : overlap;
    }

    public Missed missedPolicy() {
        return missed == null ? Missed.SKIP : missed;
    }
}
