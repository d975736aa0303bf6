package io.covey.core.event;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Everything Covey tells its subscribers. {@code seq} increases by one per event across the
 * manager; on the wire the {@code type} property names the kind.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LifecycleEvent.class, name = "lifecycle"),
        @JsonSubTypes.Type(value = LogEvent.class, name = "log"),
        @JsonSubTypes.Type(value = DataEvent.class, name = "data"),
        @JsonSubTypes.Type(value = ResultEvent.class, name = "result"),
        @JsonSubTypes.Type(value = HealthEvent.class, name = "health"),
        @JsonSubTypes.Type(value = GroupEvent.class, name = "group"),
        @JsonSubTypes.Type(value = GapEvent.class, name = "gap"),
        @JsonSubTypes.Type(value = ScheduleEvent.class, name = "schedule")
})
public sealed interface CoveyEvent
        permits LifecycleEvent, LogEvent, DataEvent, ResultEvent, HealthEvent, GroupEvent, GapEvent, ScheduleEvent {

    long seq();

    Instant time();

    /** The group the event is about, or null. */
    String group();

    /** The worker the event is about, or null. */
    String worker();

    EventType eventType();

    /** The same event with the sequence number the journal gave it. */
    CoveyEvent withSeq(long seq);
}
