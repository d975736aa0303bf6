package io.covey.host.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.covey.core.api.CoveyOperations;
import io.covey.core.api.GroupDiff;
import io.covey.core.api.LogLine;
import io.covey.core.api.WorkerStatus;
import io.covey.host.problem.ApiProblemException;
import io.covey.host.problem.ProblemKind;
import jakarta.servlet.http.HttpServletRequest;

/** Single workers: status, restart, kill, scale, logs. */
@RestController
@RequestMapping("/api/v1")
public class WorkersController {
    private static final int MAX_TAIL = 2000;

    private final CoveyOperations covey;
    private final JsonBodyReader bodies;

    public WorkersController(CoveyOperations covey, JsonBodyReader bodies) {
        this.covey = covey;
        this.bodies = bodies;
    }

    @GetMapping("/workers/{id}")
    public WorkerStatus worker(@PathVariable String id) {
        return covey.worker(id);
    }

    @PostMapping("/workers/{id}/restart")
    public WorkerStatus restart(@PathVariable String id) {
        return covey.restartWorker(id);
    }

    /** Ends the attempt at once (SIGKILL of a foreign worker's tree); see {@link CoveyOperations#kill}. */
    @PostMapping("/workers/{id}/kill")
    public WorkerStatus kill(@PathVariable String id) {
        return covey.kill(id);
    }

    /** Runs the declaration that holds worker {@code id} as {@code instances} workers ({@link CoveyOperations#scale}). */
    @PostMapping("/workers/{id}/scale")
    public GroupDiff scale(@PathVariable String id, HttpServletRequest request) {
        return covey.scale(id, ScaleRequest.from(bodies.readTree(request)).instances());
    }

    @GetMapping("/workers/{id}/logs")
    public List<LogLine> logs(@PathVariable String id, @RequestParam(defaultValue = "100") int tail) {
        if (tail < 0 || tail > MAX_TAIL) {
            throw new ApiProblemException(ProblemKind.INVALID_QUERY, "'tail' must be between 0 and " + MAX_TAIL + ", was " + tail);
        }
        return covey.logs(id, tail);
    }
}
