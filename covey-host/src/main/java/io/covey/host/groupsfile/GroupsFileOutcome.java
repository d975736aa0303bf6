package io.covey.host.groupsfile;

import java.time.Instant;
import java.util.List;

import io.covey.core.api.GroupDiff;

/**
 * What one reading of the groups file did.
 *
 * @param file    the groups file
 * @param trigger why it was read: {@code start}, {@code change} (the file changed) or {@code reload} (asked for over the API)
 * @param time    when
 * @param applied whether it was applied; false when it could not be read or checked (then nothing changed), or when
 *                a group was refused part way (then {@code groups} says what was applied before)
 * @param groups  the runGroup diff of each group applied, in the file's order
 * @param removed groups removed because the file no longer names them
 * @param error   why it was not applied, naming the file and where in it; null when applied
 */
public record GroupsFileOutcome(String file, String trigger, Instant time, boolean applied, List<GroupDiff> groups,
                                List<String> removed, String error) {
    public GroupsFileOutcome {
        groups = List.copyOf(groups);
        removed = List.copyOf(removed);
    }
}
