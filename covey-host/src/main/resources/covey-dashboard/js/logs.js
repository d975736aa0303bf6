// A worker's recent log lines in a dialog, then following its live log events.
import { el } from './dom.js';

const TAIL = 200;
const MAX_LINES = 1000;

export class LogViewer {
  constructor(dialog, api, onError) {
    this.dialog = dialog;
    this.api = api;
    this.onError = onError;
    this.lines = dialog.querySelector('#log-lines');
    this.follow = dialog.querySelector('#log-follow');
    this.title = dialog.querySelector('#log-title');
    this.workerId = null;
    this.pending = null; // live lines that arrive while the tail is being read
    dialog.querySelector('#log-close').addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => { this.workerId = null; });
  }

  async open(id) {
    this.workerId = id;
    this.pending = [];
    this.title.textContent = `Logs of ${id}`;
    this.lines.replaceChildren(el('span', { class: 'meta' }, 'reading…'));
    if (!this.dialog.open) this.dialog.showModal();
    try {
      const tail = await this.api.logs(id, TAIL);
      if (this.workerId !== id) return;
      this.lines.replaceChildren();
      const seen = new Set(tail.map(key));
      tail.forEach((line) => this.append(line));
      this.pending.filter((line) => !seen.has(key(line))).forEach((line) => this.append(line));
    } catch (e) {
      this.lines.replaceChildren(el('span', { class: 'stderr' }, `could not read the logs: ${e.message}`));
      this.onError(e);
    } finally {
      this.pending = null;
    }
  }

  /** A log event from the stream. */
  onLog(event) {
    if (event.worker !== this.workerId) return;
    if (this.pending) this.pending.push(event);
    else this.append(event);
  }

  append(line) {
    const time = line.time ? line.time.substring(11, 19) : '';
    const stream = String(line.stream || '');
    this.lines.append(el('span', { class: /^[a-z]+$/.test(stream) ? stream : null },
      el('span', { class: 'meta' }, `${time} #${line.attempt} ${stream.padEnd(6)} `), String(line.line), '\n'));
    while (this.lines.childElementCount > MAX_LINES) this.lines.firstElementChild.remove();
    if (this.follow.checked) this.lines.scrollTop = this.lines.scrollHeight;
  }
}

function key(line) {
  return `${line.time}|${line.attempt}|${line.stream}|${line.line}`;
}
