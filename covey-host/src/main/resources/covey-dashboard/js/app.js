// Wires the page: token prompt, state snapshot, live events, actions.
import { api, Unauthorized, storedToken, storeToken } from './api.js';
import { EventStream } from './events.js';
import { Model } from './model.js';
import { View } from './view.js';
import { LogViewer } from './logs.js';
import { confirmAction } from './confirm.js';
import { renderTypes } from './types.js';

const $ = (id) => document.getElementById(id);
const model = new Model();
const view = new View($('groups'), $('counts'), { restart, stopGroup, nukeGroup, openLogs: (id) => logs.open(id) });
const logs = new LogViewer($('log-dialog'), api, showError);
let stream = null;
let reloading = false;
let reloadAgain = false;
let queued = [];
let resyncs = 0;
let renderTimer = null;
let resyncTimer = null;

async function start() {
  hideNotice();
  try {
    model.load(await api.groups());
  } catch (e) {
    if (e instanceof Unauthorized) return askForToken();
    showError(e);
    setTimeout(start, 3000);
    return;
  }
  $('token-form').hidden = true;
  render();
  api.manifest().then((manifest) => {
    renderTypes($('types'), manifest);
    $('types-section').hidden = false;
  }, showError);
  stream = new EventStream({ onEvent, onStatus, onResync: resync, onUnauthorized: askForToken });
  stream.connect();
}

function askForToken() {
  if (stream) { stream.stop(); stream = null; }
  const hadToken = storedToken() !== null;
  storeToken(null);
  model.load([]);
  view.clear();
  $('empty').hidden = true;
  onStatus('offline', 'needs the API token');
  $('token-error').hidden = !hadToken;
  $('token-error').textContent = 'The host refused that token.';
  $('token-form').hidden = false;
  $('token-input').focus();
}

$('token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  storeToken($('token-input').value.trim());
  $('token-input').value = '';
  start();
});

async function resync() {
  if (reloading) { reloadAgain = true; return; }
  reloading = true;
  resyncs++;
  try {
    const groups = await api.groups();
    model.load(groups);
    const events = queued;
    queued = [];
    events.forEach((event) => apply(event, false));
    render();
  } catch (e) {
    if (e instanceof Unauthorized) askForToken();
    else { showError(e); setTimeout(scheduleResync, 2000); }
  } finally {
    reloading = false;
    queued = [];
    if (reloadAgain) { reloadAgain = false; scheduleResync(); }
  }
}

function scheduleResync() {
  clearTimeout(resyncTimer);
  resyncTimer = setTimeout(resync, 150);
}

function onEvent(event) {
  if (reloading) queued.push(event); // applied on top of the snapshot being read
  else apply(event, true);
}

function apply(event, live) {
  if (event.type === 'lifecycle') {
    const known = model.applyLifecycle(event);
    if (!known && live) scheduleResync();
    else if (known && live && event.state === 'RUNNING' && model.find(event.worker).foreign) refreshWorker(event.worker);
    scheduleRender();
  } else if (event.type === 'group') {
    if (event.change === 'nuked') model.removeGroup(event.group);
    if (live) scheduleResync();
    scheduleRender();
  } else if (event.type === 'log') {
    logs.onLog(event);
  } else if (event.type === 'schedule') {
    if (model.applySchedule(event)) scheduleRender();
  }
}

/** Events do not carry a child's pid: read it once the attempt runs. */
async function refreshWorker(id) {
  try {
    model.replaceWorker(await api.worker(id));
    scheduleRender();
  } catch (e) { /* removed meanwhile: the next resync tidies up */ }
}

function scheduleRender() {
  if (!renderTimer) renderTimer = setTimeout(render, 30);
}

function render() {
  clearTimeout(renderTimer);
  renderTimer = null;
  view.render(model);
  $('empty').hidden = model.groups.size > 0 || !$('token-form').hidden;
}

function onStatus(status, detail) {
  const text = { connecting: 'connecting…', live: 'live', offline: `offline${detail ? ': ' + detail : ''}` }[status];
  $('connection').textContent = text;
  $('connection').dataset.status = status;
}

async function act(button, action) {
  button.disabled = true;
  hideNotice();
  try {
    await action();
  } catch (e) {
    if (e instanceof Unauthorized) askForToken();
    else showError(e);
  } finally {
    button.disabled = false;
  }
}

function restart(id, button) {
  return act(button, () => api.restart(id));
}

function stopGroup(name, button) {
  return act(button, () => api.stopGroup(name));
}

async function nukeGroup(name, button) {
  const sure = await confirmAction(`Nuke group ${name}?`,
    `Every worker of ${name} is stopped and the group is forgotten: its declaration is gone.`, 'Nuke group');
  if (sure) await act(button, () => api.nukeGroup(name));
}

function showError(e) {
  $('notice').textContent = e.message || String(e);
  $('notice').hidden = false;
}

function hideNotice() {
  $('notice').hidden = true;
}

setInterval(() => view.tick(model), 1000);

// Memory and CPU are samples, not events: read them with the groups while anything runs.
const USAGE_INTERVAL_MS = 3000;
setInterval(async () => {
  if (!stream || reloading || ![...model.groups.values()].some((g) => [...g.workers.values()].some((w) => w.foreign))) return;
  try {
    model.updateUsage(await api.groups());
    scheduleRender();
  } catch (e) { /* the next round or a resync tells */ }
}, USAGE_INTERVAL_MS);

// A small handle for debugging and for the browser tests: drop the connection as a network would.
window.covey = Object.freeze({
  drop: (holdMs) => stream && stream.drop(holdMs),
  lastSeq: () => (stream ? stream.lastSeq : null),
  resyncs: () => resyncs,
});

start();
