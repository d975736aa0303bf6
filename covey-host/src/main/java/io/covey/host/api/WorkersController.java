package io.covey.host.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.covey.core.api.CoveyOperations;
import io.covey.core.api.InvalidSpecException;
import io.covey.core.api.LogLine;
import io.covey.core.api.WorkerStatus;
import io.covey.core.manifest.CoveyManifest;
import io.covey.engine.CoveyManager;

/** Single workers: status, restart, logs; and the manifest. */
@RestController
@RequestMapping("/api/v1")
public class WorkersController {
    private static final int MAX_TAIL = 2000;

    private final CoveyOperations covey;
    private final CoveyManifest manifest;

    public WorkersController(CoveyOperations covey, CoveyManager manager) {
        this.covey = covey;
        this.manifest = manager.manifest();
    }

    @GetMapping("/workers/{id}")
    public WorkerStatus worker(@PathVariable String id) {
        return covey.worker(id);
    }

    @PostMapping("/workers/{id}/restart")
    public WorkerStatus restart(@PathVariable String id) {
        return covey.restartWorker(id);
    }

    @GetMapping("/workers/{id}/logs")
    public List<LogLine> logs(@PathVariable String id, @RequestParam(defaultValue = "100") int tail) {
        if (tail < 0 || tail > MAX_TAIL) {
            throw new InvalidSpecException("tail must be between 0 and " + MAX_TAIL + ", was " + tail);
        }
        return covey.logs(id, tail);
    }

    /** The types that may be declared, and those that cannot run here with the reason (a class that did not load). */
    @GetMapping("/manifest")
    public Manifest manifest() {
        return new Manifest(covey.workerTypes(), manifest.unavailable().stream()
                .map(type -> new Unavailable(type.name(), type.className(), type.reason())).toList());
    }

    public record Manifest(List<String> types, List<Unavailable> unavailable) {
    }

    public record Unavailable(String type, @JsonProperty("class") String className, String reason) {
    }
}
