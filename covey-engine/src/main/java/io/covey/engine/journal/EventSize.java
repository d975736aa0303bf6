package io.covey.engine.journal;

import java.util.Map;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.DataEvent;
import io.covey.core.event.GroupEvent;
import io.covey.core.event.HealthEvent;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.LogEvent;
import io.covey.core.event.ResultEvent;
import tools.jackson.databind.JsonNode;

/**
 * About how many bytes of heap an event holds: its strings at two bytes a character (an upper
 * bound; Latin-1 strings take one) and a fixed cost per object. Estimated once, as the journal
 * appends it; exact enough to bound the journal's memory, cheap enough for every event.
 */
final class EventSize {
    private static final long EVENT = 96;
    private static final long STRING = 40;
    private static final long NODE = 32;

    private EventSize() {
    }

    static long of(CoveyEvent event) {
        long size = EVENT + text(event.group()) + text(event.worker());
        if (event instanceof LogEvent log) {
            size += text(log.stream()) + text(log.line());
        } else if (event instanceof DataEvent data) {
            size += tree(data.data());
        } else if (event instanceof ResultEvent result) {
            size += tree(result.result());
        } else if (event instanceof LifecycleEvent lifecycle) {
            size += text(lifecycle.message()) + text(lifecycle.workerType());
        } else if (event instanceof HealthEvent health) {
            size += text(health.message());
        } else if (event instanceof GroupEvent group) {
            size += text(group.change());
            for (String id : group.started()) {
                size += text(id);
            }
            for (String id : group.stopped()) {
                size += text(id);
            }
        }
        return size;
    }

    private static long text(String text) {
        return text == null ? 0 : STRING + 2L * text.length();
    }

    private static long tree(JsonNode node) {
        if (node == null) {
            return 0;
        }
        if (node.isString()) {
            return NODE + text(node.asString());
        }
        long size = NODE;
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                size += NODE + text(entry.getKey()) + tree(entry.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                size += 8 + tree(element);
            }
        }
        return size;
    }
}
