// The live page's script: an ES module with no build step. Figures come from
// /stats.json (polled once a second), pub/sub goes through /redwire.js over
// the WebSocket gateway. Everything shown is inserted as text, never markup.
import { connect } from '/redwire.js';

const HISTORY = 120; // chart samples (one per poll)
const TAIL_MAX = 200; // lines kept in the live tail
const POLL_MS = 1000;

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const token = params.get('token');
const wsPath = document.querySelector('meta[name="redwire-ws-path"]')?.content || '/ws';
const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${wsPath}`;

// ---- connection -----------------------------------------------------------------

const rw = connect(wsUrl, token ? { token } : {});
window.redwire = rw; // for the console (and the tests)

function setConn(state, text) {
  const el = $('conn');
  el.className = state;
  el.textContent = text;
}
rw.on('open', () => setConn('open', 'connected'));
rw.on('close', (e) => setConn(e.reconnecting ? '' : 'closed', e.reconnecting ? `reconnecting (${e.code})` : `closed (${e.code})`));

// ---- figures ----------------------------------------------------------------------

const samples = [];
let previous = null;

function number(n) {
  if (!Number.isFinite(n)) return '–';
  if (Math.abs(n) >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (Math.abs(n) >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return Math.abs(n) < 10 && n % 1 !== 0 ? n.toFixed(1) : String(Math.round(n));
}

function bytes(n) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

function duration(s) {
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** A value from the JSON mapping as text: {"$b64"} (bytes that are not UTF-8) shown as base64. */
function text(v) {
  if (v !== null && typeof v === 'object' && typeof v.$b64 === 'string') return `base64:${v.$b64}`;
  if (v instanceof Uint8Array) return `<${v.length} bytes> ${Array.from(v.slice(0, 32), (b) => b.toString(16).padStart(2, '0')).join(' ')}${v.length > 32 ? ' …' : ''}`;
  return String(v);
}

async function poll() {
  try {
    const r = await fetch('/stats.json', { cache: 'no-store', headers: token ? { Authorization: `Bearer ${token}` } : {} });
    if (!r.ok) throw new Error(`/stats.json answered ${r.status}`);
    const s = await r.json();
    if (previous !== null && s.time > previous.time) {
      const dt = (s.time - previous.time) / 1000;
      samples.push({
        ops: Math.max(0, (s.commands - previous.commands) / dt),
        msgs: Math.max(0, (s.published - previous.published) / dt),
        clients: s.clients.total,
      });
      if (samples.length > HISTORY) samples.shift();
    }
    previous = s;
    render(s);
  } catch (e) {
    $('meta').textContent = String(e.message || e);
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

function render(s) {
  const last = samples[samples.length - 1];
  $('meta').textContent = `v${s.version} · up ${duration(s.uptime)}`;
  $('clients-total').textContent = number(s.clients.total);
  $('clients-by').textContent = `tcp ${s.clients.tcp} · ws ${s.clients.ws} · http ${s.clients.http} · sse ${s.clients.sse}`;
  $('ops').textContent = last ? number(last.ops) : '–';
  $('commands').textContent = `${number(s.commands)} commands`;
  $('msgs').textContent = last ? number(last.msgs) : '–';
  $('delivered').textContent = `${number(s.published)} published · ${number(s.delivered)} delivered`;
  $('channel-count').textContent = number(s.channelCount);
  $('pattern-count').textContent = `${number(s.patternCount)} patterns`;
  $('keys').textContent = number(s.keys);
  $('memory').textContent = bytes(s.memory.used);
  $('rss').textContent = `RSS ${bytes(s.memory.rss)}`;
  $('lag').textContent = `${s.loopLagMs.p99.toFixed(1)} ms`;
  $('slow').textContent = `${s.slowConsumers} slow consumers dropped`;
  renderChannels(s.channels);
  drawChart();
}

function renderChannels(channels) {
  const body = $('channels').tBodies[0];
  const rows = [];
  for (const c of channels) {
    const tr = document.createElement('tr');
    const name = document.createElement('td');
    name.className = 'name';
    name.textContent = text(c.name);
    const n = document.createElement('td');
    n.className = 'n';
    n.textContent = String(c.subscribers);
    tr.append(name, n);
    rows.push(tr);
  }
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = 2;
    td.className = 'empty';
    td.textContent = 'no subscribed channels';
    tr.append(td);
    rows.push(tr);
  }
  body.replaceChildren(...rows);
}

// ---- chart (canvas, no library) -----------------------------------------------------------

function drawChart() {
  const canvas = $('chart');
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const g = canvas.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  const css = getComputedStyle(document.documentElement);
  const pad = { l: 44, r: 36, t: 8, b: 18 };
  const plotW = w - pad.l - pad.r;
  const plotH = h - pad.t - pad.b;
  // At least 4, so the four grid steps are whole numbers.
  const opsMax = niceMax(Math.max(4, ...samples.map((p) => p.ops)));
  const clientsMax = niceMax(Math.max(4, ...samples.map((p) => p.clients)));
  g.font = '11px system-ui, sans-serif';
  g.strokeStyle = css.getPropertyValue('--line');
  g.fillStyle = css.getPropertyValue('--dim');
  g.lineWidth = 1;
  for (let i = 0; i <= 4; i++) {
    const y = pad.t + (plotH * i) / 4;
    g.beginPath();
    g.moveTo(pad.l, Math.round(y) + 0.5);
    g.lineTo(pad.l + plotW, Math.round(y) + 0.5);
    g.stroke();
    g.textAlign = 'right';
    g.fillText(number((opsMax * (4 - i)) / 4), pad.l - 6, y + 4);
    g.textAlign = 'left';
    g.fillText(number((clientsMax * (4 - i)) / 4), pad.l + plotW + 6, y + 4);
  }
  g.textAlign = 'left';
  g.fillText(`-${HISTORY}s`, pad.l, h - 4);
  g.textAlign = 'right';
  g.fillText('now', pad.l + plotW, h - 4);
  const line = (key, max, color) => {
    if (samples.length < 2) return;
    g.strokeStyle = color;
    g.lineWidth = 2;
    g.beginPath();
    samples.forEach((p, i) => {
      const x = pad.l + plotW - ((samples.length - 1 - i) * plotW) / (HISTORY - 1);
      const y = pad.t + plotH - (p[key] / max) * plotH;
      if (i === 0) g.moveTo(x, y);
      else g.lineTo(x, y);
    });
    g.stroke();
  };
  line('clients', clientsMax, css.getPropertyValue('--accent2'));
  line('ops', opsMax, css.getPropertyValue('--accent'));
  canvas.dataset.samples = String(samples.length);
  $('ops-max').textContent = samples.length ? `(peak ${number(Math.max(...samples.map((p) => p.ops)))})` : '';
  $('clients-max').textContent = samples.length ? `(peak ${number(Math.max(...samples.map((p) => p.clients)))})` : '';
}

/** A round axis maximum at or above v (1, 2, 5 × 10^n). */
function niceMax(v) {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

window.addEventListener('resize', drawChart);

// ---- live tail ----------------------------------------------------------------------

let following = null; // { name, pattern, cb }

function tailLine(channel, data, pattern) {
  const list = $('tail-list');
  const li = document.createElement('li');
  const t = document.createElement('span');
  t.className = 't';
  t.textContent = new Date().toLocaleTimeString();
  const c = document.createElement('span');
  c.className = 'c';
  c.textContent = pattern === undefined ? text(channel) : `${text(channel)} (${text(pattern)})`;
  const d = document.createElement('span');
  d.className = 'd';
  d.textContent = text(data);
  li.append(t, c, d);
  list.prepend(li);
  while (list.childElementCount > TAIL_MAX) list.lastElementChild.remove();
}

async function stopTail() {
  if (following === null) return;
  const { name, pattern, cb } = following;
  following = null;
  $('tail-stop').disabled = true;
  $('tail-status').textContent = '';
  await (pattern ? rw.punsubscribe(name, cb) : rw.unsubscribe(name, cb));
}

$('tail-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const name = $('tail-channel').value;
  if (name === '') return;
  await stopTail();
  const pattern = /[*?[]/.test(name);
  const cb = (data, channel, pat) => tailLine(channel, data, pattern ? pat : undefined);
  following = { name, pattern, cb };
  const status = $('tail-status');
  status.className = 'status';
  status.textContent = `subscribing to ${pattern ? 'pattern' : 'channel'} ${name}…`;
  try {
    await (pattern ? rw.psubscribe(name, cb) : rw.subscribe(name, cb));
    if (following?.cb !== cb) return;
    status.textContent = `following ${pattern ? 'pattern' : 'channel'} ${name}`;
    status.dataset.following = name;
    $('tail-stop').disabled = false;
  } catch (e) {
    following = null;
    status.className = 'status err';
    status.textContent = `${e.code || 'error'}: ${e.message}`;
  }
});
$('tail-stop').addEventListener('click', () => {
  delete $('tail-status').dataset.following;
  stopTail();
});

// ---- publish ------------------------------------------------------------------------

$('pub-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const out = $('pub-result');
  const channel = $('pub-channel').value;
  const message = $('pub-message').value;
  $('pub-send').disabled = true;
  try {
    const n = await rw.publish(channel, message);
    out.className = 'status';
    out.textContent = `published to ${channel}: ${n} subscriber${n === 1 ? '' : 's'} received it`;
  } catch (e) {
    out.className = 'status err';
    out.textContent = `${e.code || 'error'}: ${e.message}`;
  } finally {
    $('pub-send').disabled = false;
  }
});

poll();
