// What the page knows: groups and their workers, from an HTTP snapshot plus the events since.
const LIVE = new Set(['STARTING', 'RUNNING', 'STOPPING']);
// States in which the last crash's reason stays shown.
const CRASH_STATES = new Set(['CRASHED', 'BACKOFF', 'FAILED']);
export const STATES = ['PENDING', 'STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'COMPLETED', 'CRASHED', 'BACKOFF', 'FAILED'];

function workerFrom(status) {
  return {
    id: status.id, group: status.group, type: status.type, foreign: status.foreign, state: status.state,
    message: status.message || '', attempt: status.attempt, restarts: status.restarts, pid: status.pid ?? null,
    startedAt: status.startedAt ? Date.parse(status.startedAt) : null,
    endedAt: status.endedAt ? Date.parse(status.endedAt) : null,
    ...instanceOf(status),
    memoryBytes: status.memoryBytes ?? null, cpuPercent: status.cpuPercent ?? null,
    crashReason: status.crashReason ?? null,
    nextRunAt: status.nextRunAt ? Date.parse(status.nextRunAt) : null,
    timeZone: status.spec && status.spec.schedule ? (status.spec.schedule.timeZone || 'UTC') : null,
  };
}

/** An instance's index and its family, the id its siblings share: `web-2` of instance 2 is of `web`. */
function instanceOf(status) {
  if (status.instance === undefined || status.instance === null) return { instance: null, family: null };
  const suffix = `-${status.instance}`;
  return { instance: status.instance, family: status.id.endsWith(suffix) ? status.id.slice(0, -suffix.length) : status.id };
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

  /** Takes the memory and CPU figures of a fresh snapshot; events do not carry them. */
  updateUsage(groupStatuses) {
    for (const g of groupStatuses) {
      for (const status of g.workers) {
        const worker = this.find(status.id);
        if (worker && worker.attempt === status.attempt) {
          worker.memoryBytes = status.memoryBytes ?? null;
          worker.cpuPercent = status.cpuPercent ?? null;
        }
      }
    }
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
      worker.memoryBytes = null;
      worker.cpuPercent = null;
    }
    if (!LIVE.has(event.state)) { worker.memoryBytes = null; worker.cpuPercent = null; }
    worker.state = event.state;
    worker.message = event.message || '';
    if (event.state === 'CRASHED') worker.crashReason = event.crashReason ?? null;
    else if (!CRASH_STATES.has(event.state)) worker.crashReason = null;
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
