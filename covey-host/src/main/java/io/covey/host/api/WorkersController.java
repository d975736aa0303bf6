package io.covey.host.api;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.covey.core.api.CoveyOperations;
import io.covey.core.api.GroupDiff;
import io.covey.core.api.InputReceipt;
import io.covey.core.api.LogLine;
import io.covey.core.api.WorkerStatus;
import io.covey.core.worker.WorkerInput;
import io.covey.host.problem.ApiProblemException;
import io.covey.host.problem.ProblemKind;
import jakarta.servlet.http.HttpServletRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Single workers: status, restart, kill, scale, logs, input. */
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

    /**
     * Input for a running worker: a JSON body becomes JSON input, an {@code application/octet-stream}
     * body bytes. 202 once it is queued (the worker handles it later, in order).
     */
    @PostMapping("/workers/{id}/input")
    public ResponseEntity<InputReceipt> input(@PathVariable String id,
            HttpServletRequest request) {
        WorkerInput input = isOctetStream(request.getContentType())
                ? WorkerInput.bytes(bodies.readBytes(request))
                : new WorkerInput.Json(orNull(bodies.readTree(request)));
        return ResponseEntity.accepted().body(covey.send(id, input));
    }

    private static JsonNode orNull(JsonNode body) {
        return body == null ? JsonNodeFactory.instance.nullNode() : body;
    }

    /** Whether a body is bytes rather than JSON; the request guard lets only this route's bytes through. */
    public static boolean isOctetStream(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].trim().equalsIgnoreCase(MediaType.APPLICATION_OCTET_STREAM_VALUE);
    }

    @GetMapping("/workers/{id}/logs")
    public List<LogLine> logs(@PathVariable String id, @RequestParam(defaultValue = "100") int tail) {
        if (tail < 0 || tail > MAX_TAIL) {
            throw new ApiProblemException(ProblemKind.INVALID_QUERY, "'tail' must be between 0 and " + MAX_TAIL + ", was " + tail);
        }
        return covey.logs(id, tail);
    }
}
