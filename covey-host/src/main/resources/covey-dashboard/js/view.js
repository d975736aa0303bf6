// Renders the model into keyed sections and rows, updated in place: nothing is rebuilt while a person clicks.
import { el, setText, stateClass, formatDuration } from './dom.js';
import { isLive } from './model.js';

const COLUMNS = [
  ['id', 'Worker'], ['type', 'Type'], ['mode', 'Runs'], ['state', 'State'], ['attempt', 'Attempt'],
  ['restarts', 'Restarts'], ['uptime', 'Uptime'], ['pid', 'PID'], ['message', 'Last message'],
  ['next', 'Next run'],
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
    for (const [id, row] of entry.rows) {
      if (!group.workers.has(id)) { row.tr.remove(); entry.rows.delete(id); }
    }
    [...group.workers.keys()].sort().forEach((id, index) => {
      const worker = group.workers.get(id);
      const row = entry.rows.get(id) || this.createRow(entry, worker);
      if (entry.tbody.children[index] !== row.tr) entry.tbody.insertBefore(row.tr, entry.tbody.children[index] || null);
      this.fillRow(row, worker);
    });
  }

  createRow(entry, worker) {
    const cells = {};
    const tr = el('tr', { 'data-worker': worker.id, tabindex: 0, title: 'open the logs' });
    for (const [key, label] of COLUMNS) {
      cells[key] = el('td', { class: `col-${key}`, 'data-label': label });
      tr.append(cells[key]);
    }
    cells.badge = el('span', { class: 'badge' });
    cells.state.append(cells.badge);
    for (const key of ['attempt', 'restarts', 'uptime', 'pid']) cells[key].classList.add('num');
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
    row.tr.dataset.state = worker.state;
    setText(cells.attempt, worker.attempt);
    setText(cells.restarts, worker.restarts);
    setText(cells.pid, worker.pid ?? '—');
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
