// /ws/events with reconnects: resumes with since= after a dropped connection, so nothing is missed.
import { api, Unauthorized } from './api.js';

const TYPES = 'lifecycle,log,group,result,health,schedule'; // a gap always comes; data streams are not shown
const MAX_DELAY_MS = 10000;

export class EventStream {
  /**
   * handlers: onEvent(event), onStatus('connecting'|'live'|'offline', detail),
   * onResync(reason): the page must re-read state over HTTP; onUnauthorized().
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.lastSeq = null;
    this.delay = 500;
    this.socket = null;
    this.stopped = false;
    this.hold = 0;
  }

  async connect() {
    if (this.stopped) return;
    this.handlers.onStatus('connecting');
    let ticket;
    try {
      ticket = (await api.eventTicket()).ticket;
    } catch (e) {
      if (e instanceof Unauthorized) return this.handlers.onUnauthorized();
      return this.retry(e.message);
    }
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const query = new URLSearchParams({ types: TYPES, ticket });
    const resuming = this.lastSeq !== null;
    if (resuming) query.set('since', String(this.lastSeq));
    const socket = new WebSocket(`${scheme}//${location.host}/ws/events?${query}`);
    this.socket = socket;
    let expectFirst = resuming;
    socket.onopen = () => {
      this.delay = 500;
      this.handlers.onStatus('live');
      // The first connection (or one after a restart of the host) starts from a fresh read of the state.
      if (!resuming) this.handlers.onResync('connected');
    };
    socket.onmessage = (message) => {
      const event = JSON.parse(message.data);
      // A seq at or below what we saw means the host restarted and numbers afresh.
      if (expectFirst && event.type !== 'gap' && event.seq <= this.lastSeq) this.handlers.onResync('host restarted');
      expectFirst = false;
      this.lastSeq = event.seq;
      if (event.type === 'gap') this.handlers.onResync('gap');
      else this.handlers.onEvent(event);
    };
    socket.onclose = (close) => {
      if (this.socket === socket) this.retry(close.reason || `closed (${close.code})`);
    };
  }

  retry(reason) {
    if (this.stopped) return;
    this.socket = null;
    this.handlers.onStatus('offline', reason);
    setTimeout(() => this.connect(), Math.max(this.delay, this.hold || 0));
    this.hold = 0;
    this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
  }

  /** Drops the connection as a network failure would, staying away at least holdMs; for tests and debugging. */
  drop(holdMs = 0) {
    this.hold = holdMs;
    if (this.socket) this.socket.close(4000, 'dropped on purpose');
  }

  stop() {
    this.stopped = true;
    if (this.socket) this.socket.close(1000, 'bye');
  }
}
