package io.covey.host.api;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.covey.core.api.CoveyOperations;
import io.covey.core.api.GroupDiff;
import io.covey.core.api.GroupStatus;
import io.covey.core.spec.CoveyGroup;
import jakarta.servlet.http.HttpServletRequest;

/** Groups: declare, inspect, add to, remove from, stop and nuke. */
@RestController
@RequestMapping("/api/v1/groups")
public class GroupsController {
    private final CoveyOperations covey;
    private final JsonBodyReader bodies;

    public GroupsController(CoveyOperations covey, JsonBodyReader bodies) {
        this.covey = covey;
        this.bodies = bodies;
    }

    /** runGroup; with {@code dryRun=true} only the diff it would give, nothing done. */
    @PutMapping("/{name}")
    public GroupDiff runGroup(@PathVariable String name, @RequestParam(defaultValue = "false") boolean dryRun,
                              HttpServletRequest request) {
        CoveyGroup group = new CoveyGroup(name, WorkersRequest.from(bodies.readTree(request)).workers());
        return dryRun ? covey.dryRunGroup(group) : covey.runGroup(group);
    }

    @GetMapping
    public List<GroupStatus> groups() {
        return covey.groups();
    }

    @GetMapping("/{name}")
    public GroupStatus group(@PathVariable String name) {
        return covey.group(name);
    }

    @PostMapping("/{name}/workers")
    public GroupDiff addWorkers(@PathVariable String name, HttpServletRequest request) {
        return covey.addWorkers(name, WorkersRequest.from(bodies.readTree(request)).workers());
    }

    @DeleteMapping("/{name}/workers/{id}")
    public GroupDiff removeWorker(@PathVariable String name, @PathVariable String id) {
        return covey.removeWorkers(name, List.of(id));
    }

    @PostMapping("/{name}/stop")
    public GroupStatus stopGroup(@PathVariable String name) {
        return covey.stopGroup(name);
    }

    @DeleteMapping("/{name}")
    public ResponseEntity<Void> nukeGroup(@PathVariable String name) {
        covey.nukeGroup(name);
        return ResponseEntity.noContent().build();
    }
}
