package io.covey.core.api;

/**
 * What {@code send(id, data)} answers once the input is accepted (queued for the worker, not yet
 * necessarily handled).
 *
 * @param worker  the worker's id
 * @param attempt the attempt that will receive it
 * @param pending the inputs of that attempt accepted and not yet handled, this one included
 */
public record InputReceipt(String worker, int attempt, int pending) {
}
