package io.covey.host.api;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.covey.core.api.InvalidSpecException;
import io.covey.core.api.NotFoundException;
import io.covey.host.groupsfile.GroupsFileApplier;
import io.covey.host.groupsfile.GroupsFileOutcome;

/** Applies the groups file now ({@code covey.host.groups-file}), as the host does at start. */
@RestController
@RequestMapping("/api/v1/groups-file")
public class GroupsFileController {
    private final ObjectProvider<GroupsFileApplier> applier;

    public GroupsFileController(ObjectProvider<GroupsFileApplier> applier) {
        this.applier = applier;
    }

    /**
     * 200 with what each group's runGroup did; 400 naming the problem when the file cannot be
     * applied (then nothing changed); 404 on a host without a groups file.
     */
    @PostMapping("/reload")
    public GroupsFileOutcome reload() {
        GroupsFileApplier groupsFile = applier.getIfAvailable();
        if (groupsFile == null) {
            throw new NotFoundException("this host has no groups file: set covey.host.groups-file");
        }
        GroupsFileOutcome outcome = groupsFile.applyAll("reload");
        if (!outcome.applied()) {
            throw new InvalidSpecException(outcome.error());
        }
        return outcome;
    }
}
