// Renders the model into keyed sections and rows, updated in place: nothing is rebuilt while a person clicks.
import { el, setText, stateClass, formatDuration, formatBytes } from './dom.js';
import { isLive } from './model.js';

const COLUMNS = [
  ['id', 'Worker'], ['type', 'Type'], ['mode', 'Runs'], ['state', 'State'], ['attempt', 'Attempt'],
  ['restarts', 'Restarts'], ['uptime', 'Uptime'], ['pid', 'PID'], ['memory', 'Memory'], ['cpu', 'CPU'],
  ['message', 'Last message'], ['next', 'Next run'],
];

/** A scheduled worker's next run, in its schedule's zone (which the title names); '—' for a worker kept alive. */
function nextRun(worker) {
  if (worker.nextRunAt === null || worker.nextRunAt === undefined) return '—';
  try {
    return new Date(worker.nextRunAt).toLocaleString(undefined, { timeZone: worker.timeZone || 'UTC', dateStyle: 'short', timeStyle: 'medium' });
  } catch (e) {
    return new Date(worker.nextRunAt).toISOString();
  }
}

export class View {
  /** actions: restart(id, button), stopGroup(name, button), nukeGroup(name, button), openLogs(worker) */
  constructor(root, counts, actions) {
    this.root = root;
    this.countsList = counts;
    this.actions = actions;
    this.sections = new Map(); // group name -> { section, tbody, flag, rows: Map(id -> { tr, cells }) }
  }

  render(model) {
    const names = [...model.groups.keys()].sort();
    for (const [name, entry] of this.sections) {
      if (!model.groups.has(name)) { entry.section.remove(); this.sections.delete(name); }
    }
    names.forEach((name, index) => {
      const group = model.groups.get(name);
      const entry = this.sections.get(name) || this.createSection(name);
      if (this.root.children[index] !== entry.section) this.root.insertBefore(entry.section, this.root.children[index] || null);
      entry.flag.hidden = !group.stopped;
      this.renderRows(entry, group);
    });
    this.renderCounts(model);
    this.tick(model);
  }

  /** Uptimes move every second without any event. */
  tick(model) {
    const now = Date.now();
    for (const [name, entry] of this.sections) {
      const group = model.groups.get(name);
      if (!group) continue;
      for (const [id, row] of entry.rows) {
        const worker = group.workers.get(id);
        if (worker) setText(row.cells.uptime, isLive(worker) && worker.startedAt ? formatDuration(now - worker.startedAt) : '—');
      }
    }
  }

  createSection(name) {
    const tbody = el('tbody');
    const flag = el('span', { class: 'flag', title: 'stopped with "stop group": its declaration is kept' }, 'stopped');
    const section = el('section', { class: 'group', 'data-group': name, 'aria-label': `group ${name}` },
      el('header', {},
        el('h2', {}, name), flag,
        el('div', { class: 'actions' },
          el('button', { type: 'button', 'data-action': 'stop-group', onclick: (e) => this.actions.stopGroup(name, e.currentTarget) }, 'Stop group'),
          el('button', { type: 'button', class: 'danger', 'data-action': 'nuke-group', onclick: (e) => this.actions.nukeGroup(name, e.currentTarget) }, 'Nuke'))),
      el('div', { class: 'scroll' }, el('table', { class: 'workers' },
        el('thead', {}, el('tr', {},
          ...COLUMNS.map(([key, label]) => el('th', { scope: 'col', class: `col-${key}` }, label)),
          el('th', { scope: 'col', class: 'act' }, el('span', { class: 'visually-hidden' }, 'Actions')))),
        tbody)));
    const entry = { section, tbody, flag, rows: new Map() };
    this.sections.set(name, entry);
    return entry;
  }

  renderRows(entry, group) {
    const lines = linesOf(group);
    const keys = new Set(lines.map((line) => line.key));
    for (const [key, row] of entry.rows) {
      if (!keys.has(key)) { row.tr.remove(); entry.rows.delete(key); }
    }
    lines.forEach((line, index) => {
      const row = entry.rows.get(line.key) || (line.members ? this.createFamilyRow(entry, line) : this.createRow(entry, line.worker));
      if (entry.tbody.children[index] !== row.tr) entry.tbody.insertBefore(row.tr, entry.tbody.children[index] || null);
      if (line.members) this.fillFamilyRow(row, line); else this.fillRow(row, line.worker);
    });
  }

  /** The heading row of a spec's instances: its id, how many, and their states at a glance. */
  createFamilyRow(entry, line) {
    const summary = el('span', { class: 'family-summary' });
    const name = el('span', { class: 'family-name' });
    const tr = el('tr', { class: 'family', 'data-family': line.family },
      el('td', { colspan: COLUMNS.length + 1 }, name, ' ', summary));
    const row = { tr, cells: { name, summary } };
    entry.rows.set(line.key, row);
    return row;
  }

  fillFamilyRow(row, line) {
    const states = new Map();
    for (const worker of line.members) states.set(worker.state, (states.get(worker.state) || 0) + 1);
    setText(row.cells.name, line.family);
    setText(row.cells.summary, `${line.members.length} instance${line.members.length === 1 ? '' : 's'}: `
      + [...states].map(([state, n]) => `${n} ${state}`).join(', '));
  }

  createRow(entry, worker) {
    const cells = {};
    const tr = el('tr', { 'data-worker': worker.id, tabindex: 0, title: 'open the logs' });
    if (worker.family !== null) { tr.classList.add('instance'); tr.dataset.family = worker.family; }
    for (const [key, label] of COLUMNS) {
      cells[key] = el('td', { class: `col-${key}`, 'data-label': label });
      tr.append(cells[key]);
    }
    cells.badge = el('span', { class: 'badge' });
    cells.reason = el('span', { class: 'reason', title: 'why the last attempt crashed' });
    cells.state.append(cells.badge, ' ', cells.reason);
    for (const key of ['attempt', 'restarts', 'uptime', 'pid', 'memory', 'cpu']) cells[key].classList.add('num');
    const restart = el('button', { type: 'button', 'data-action': 'restart' }, 'Restart');
    restart.addEventListener('click', (e) => { e.stopPropagation(); this.actions.restart(worker.id, restart); });
    tr.append(el('td', { class: 'act' }, restart));
    const open = () => this.actions.openLogs(worker.id);
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' && e.target === tr) open(); });
    const row = { tr, cells };
    entry.rows.set(worker.id, row);
    return row;
  }

  fillRow(row, worker) {
    const { cells } = row;
    setText(cells.id, worker.id);
    setText(cells.type, worker.type);
    setText(cells.mode, worker.foreign ? 'foreign' : 'in-process');
    setText(cells.badge, worker.state);
    cells.badge.className = `badge ${stateClass(worker.state)}`;
    setText(cells.reason, worker.crashReason ?? '');
    cells.reason.hidden = !worker.crashReason;
    row.tr.dataset.state = worker.state;
    setText(cells.attempt, worker.attempt);
    setText(cells.restarts, worker.restarts);
    setText(cells.pid, worker.pid ?? '—');
    setText(cells.memory, worker.memoryBytes === null ? '—' : formatBytes(worker.memoryBytes));
    setText(cells.cpu, worker.cpuPercent === null ? '—' : `${worker.cpuPercent.toFixed(1)}%`);
    setText(cells.message, worker.message || '—');
    cells.message.title = worker.message;
    setText(cells.next, nextRun(worker));
    cells.next.title = worker.nextRunAt ? `${new Date(worker.nextRunAt).toISOString()} (schedule in ${worker.timeZone})` : '';
  }

  renderCounts(model) {
    const counts = model.counts();
    const total = counts.reduce((sum, [, n]) => sum + n, 0);
    const items = [el('li', { 'data-state': 'ALL' }, 'workers', el('b', {}, total)),
      ...counts.map(([state, n]) => el('li', { class: stateClass(state), 'data-state': state }, state, el('b', {}, n)))];
    this.countsList.replaceChildren(...items);
  }

  clear() {
    this.root.replaceChildren();
    this.sections.clear();
    this.countsList.replaceChildren();
  }
}

/**
 * The rows of a group in order: workers by id, and the instances of a spec together under a
 * heading row of their own, where the spec's id sorts, by index (web-2 before web-10).
 */
function linesOf(group) {
  const units = new Map(); // sort name -> a worker, or a family's members
  for (const worker of group.workers.values()) {
    if (worker.family === null) { units.set(worker.id, { key: worker.id, worker }); continue; }
    const unit = units.get(`${worker.family}\u0000`) || { key: `family:${worker.family}`, family: worker.family, members: [] };
    unit.members.push(worker);
    units.set(`${worker.family}\u0000`, unit);
  }
  const lines = [];
  for (const name of [...units.keys()].sort()) {
    const unit = units.get(name);
    lines.push(unit);
    if (unit.members) {
      unit.members.sort((a, b) => a.instance - b.instance);
      unit.members.forEach((worker) => lines.push({ key: worker.id, worker }));
    }
  }
  return lines;
}
