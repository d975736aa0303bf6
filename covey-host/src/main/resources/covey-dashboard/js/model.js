// What the page knows: groups and their workers, from an HTTP snapshot plus the events since.
const LIVE = new Set(['STARTING', 'RUNNING', 'STOPPING']);
export const STATES = ['PENDING', 'STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'COMPLETED', 'CRASHED', 'BACKOFF', 'FAILED'];

function workerFrom(status) {
  return {
    id: status.id, group: status.group, type: status.type, foreign: status.foreign, state: status.state,
    message: status.message || '', attempt: status.attempt, restarts: status.restarts, pid: status.pid ?? null,
    startedAt: status.startedAt ? Date.parse(status.startedAt) : null,
    endedAt: status.endedAt ? Date.parse(status.endedAt) : null,
    nextRunAt: status.nextRunAt ? Date.parse(status.nextRunAt) : null,
    timeZone: status.spec && status.spec.schedule ? (status.spec.schedule.timeZone || 'UTC') : null,
  };
}

export class Model {
  constructor() {
    this.groups = new Map(); // name -> { name, stopped, workers: Map(id -> worker) }
  }

  load(groupStatuses) {
    this.groups = new Map(groupStatuses.map((g) => [g.name, {
      name: g.name, stopped: g.stopped, workers: new Map(g.workers.map((w) => [w.id, workerFrom(w)])),
    }]));
  }

  replaceWorker(status) {
    const group = this.groups.get(status.group);
    if (group && group.workers.has(status.id)) group.workers.set(status.id, workerFrom(status));
  }

  find(id) {
    for (const group of this.groups.values()) {
      const worker = group.workers.get(id);
      if (worker) return worker;
    }
    return null;
  }

  /** Applies a lifecycle event; false when the worker is unknown (the page should re-read the state). */
  applyLifecycle(event) {
    const worker = this.find(event.worker);
    if (!worker) return false;
    if (event.attempt < worker.attempt) return true; // a late event of an earlier attempt
    const time = Date.parse(event.time);
    if (event.attempt > worker.attempt) {
      worker.restarts += Math.max(0, event.attempt - Math.max(worker.attempt, 1));
      worker.attempt = event.attempt;
      worker.startedAt = time;
      worker.endedAt = null;
      worker.pid = null;
    }
    worker.state = event.state;
    worker.message = event.message || '';
    if (!LIVE.has(event.state) && event.state !== 'PENDING' && worker.endedAt === null) worker.endedAt = time;
    return true;
  }

  /** A schedule event says when a scheduled worker runs next; false when the worker is unknown. */
  applySchedule(event) {
    const worker = this.find(event.worker);
    if (!worker) return false;
    worker.nextRunAt = event.nextRunAt ? Date.parse(event.nextRunAt) : null;
    return true;
  }

  removeGroup(name) {
    this.groups.delete(name);
  }

  /** Counts per state, in lifecycle order, leaving out states nobody is in. */
  counts() {
    const counts = new Map(STATES.map((s) => [s, 0]));
    for (const group of this.groups.values()) {
      for (const worker of group.workers.values()) counts.set(worker.state, (counts.get(worker.state) || 0) + 1);
    }
    return [...counts].filter(([, n]) => n > 0);
  }
}

export function isLive(worker) {
  return LIVE.has(worker.state);
}
