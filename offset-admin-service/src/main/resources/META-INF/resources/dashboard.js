// The pipeline dashboard: polls offset-admin's /dashboard/* JSON and draws it. No library: the machines that run
// it may have no internet, and a line chart is a few dozen lines of SVG.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
const FAST = ['services', 'rates', 'lag'];      // sampled by the server every poll interval
const SLOW_MS = 5000;                          // the stores: a heavier query, less often

function el(tag, attrs, text) {
  const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function fmt(n) {
  if (n === null || n === undefined) return '–';
  return Number(n).toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 1 : 0 });
}

function setError(id, message) {
  document.getElementById(id).textContent = message ? message : '';
}

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  const body = await response.json();
  if (!response.ok || body.error) throw new Error(body.error || ('HTTP ' + response.status));
  return body;
}

// A line chart: series [{name, points: [[x, y], ...]}]; x in epoch ms. The last value of every series is kept in
// data-last (JSON), which is what a test or a curious user can read without parsing the drawing.
function lineChart(svg, series, xLabel) {
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  const W = 600, H = 260, L = 56, R = 190, T = 10, B = 28;
  const all = series.flatMap(s => s.points);
  const last = {};
  series.forEach(s => { if (s.points.length) last[s.name] = s.points[s.points.length - 1][1]; });
  svg.dataset.last = JSON.stringify(last);
  if (all.length === 0) {
    svg.appendChild(el('svg:text', { x: L, y: H / 2 }, 'no data yet'));
    return;
  }
  const xs = all.map(p => p[0]), ys = all.map(p => p[1]);
  let x0 = Math.min(...xs), x1 = Math.max(...xs);
  if (x1 === x0) { x0 -= 1000; x1 += 1000; }
  const yMax = Math.max(1, ...ys) * 1.05;
  const px = x => L + (x - x0) / (x1 - x0) * (W - L - R);
  const py = y => H - B - y / yMax * (H - T - B);
  for (let i = 0; i <= 4; i++) {
    const y = yMax * i / 4;
    svg.appendChild(el('svg:line', { x1: L, x2: W - R, y1: py(y), y2: py(y), class: 'grid' }));
    svg.appendChild(el('svg:text', { x: L - 4, y: py(y) + 4, 'text-anchor': 'end' }, fmt(y)));
  }
  svg.appendChild(el('svg:line', { x1: L, x2: W - R, y1: H - B, y2: H - B, class: 'axis' }));
  for (const x of [x0, (x0 + x1) / 2, x1]) {
    svg.appendChild(el('svg:text', { x: px(x), y: H - 8, 'text-anchor': 'middle' }, xLabel(x)));
  }
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const line = el('svg:polyline', { stroke: color, 'data-series': s.name,
      points: s.points.map(p => px(p[0]).toFixed(1) + ',' + py(p[1]).toFixed(1)).join(' ') });
    svg.appendChild(line);
    if (s.points.length === 1) {
      svg.appendChild(el('svg:circle', { cx: px(s.points[0][0]), cy: py(s.points[0][1]), r: 3, fill: color }));
    }
    const ly = T + 12 + i * 16;
    svg.appendChild(el('svg:rect', { x: W - R + 8, y: ly - 9, width: 10, height: 10, fill: color }));
    svg.appendChild(el('svg:text', { x: W - R + 22, y: ly }, short(s.name) + ' ' + fmt(last[s.name])));
  });
}

// Legend names short enough for the chart's side: kafka-to-cassandra-connector -> cassandra/connector.
const short = name => name.replace('kafka-to-cassandra-', 'cassandra/').replace('kafka-to-elastic-', 'elastic/')
  .replace('producer-', 'producer/').replace('foreach-writer', 'foreach');
const clock = x => new Date(x).toISOString().slice(11, 19);
const day = x => new Date(x).toISOString().slice(0, 10);

function fillTable(id, rows) {
  const body = document.querySelector('#' + id + ' tbody');
  while (body.firstChild) body.removeChild(body.firstChild);
  rows.forEach(cells => {
    const tr = el('tr');
    cells.forEach(c => {
      const td = el('td', c.cls ? { class: c.cls } : {}, c.text);
      Object.entries(c.data || {}).forEach(([k, v]) => { td.dataset[k] = v; });
      tr.appendChild(td);
    });
    body.appendChild(tr);
  });
}

function link(href, text) {
  const a = el('a', { href: href, target: '_blank', rel: 'noopener' }, text);
  return a;
}

const panels = {
  async services() {
    const body = await getJson('dashboard/services');
    const tiles = document.getElementById('tiles');
    while (tiles.firstChild) tiles.removeChild(tiles.firstChild);
    body.services.forEach(s => {
      const tile = el('div', { class: 'tile ' + s.state.toLowerCase(), 'data-service': s.name, 'data-state': s.state });
      tile.appendChild(el('h3', {}, s.name));
      tile.appendChild(el('div', {}, s.state + (s.phase ? ' · ' + s.phase : '')));
      if (s.recordsPerSecond !== null) tile.appendChild(el('div', {}, fmt(s.recordsPerSecond) + ' records/s, '
          + fmt(s.totalInputRows) + ' in all' + (s.restarts ? ', ' + s.restarts + ' restarts' : '')));
      if (s.reason) tile.appendChild(el('div', { class: 'reason' }, s.reason));
      const links = el('div');
      links.appendChild(link(s.url + '/status', 'status'));
      links.appendChild(link(s.url + '/q/health/ready', 'health'));
      if (s.sparkUi) links.appendChild(link(s.sparkUi + '/StreamingQuery/', 'Spark UI'));
      tile.appendChild(links);
      tiles.appendChild(tile);
    });
    document.getElementById('updated').textContent = 'last look ' + clock(Date.parse(body.at)) + ' UTC';
  },
  async rates() {
    try {
      const body = await getJson('dashboard/rates');
      lineChart(document.getElementById('rates-chart'), body.history, clock);
      setError('rates-error');
    } catch (e) { setError('rates-error', e.message); }
  },
  async lag() {
    try {
      const body = await getJson('dashboard/lag');
      lineChart(document.getElementById('lag-chart'), body.history, clock);
      fillTable('lag-table', body.partitions.map(r => [{ text: r.consumer }, { text: r.topic }, { text: r.partition },
        { text: fmt(r.nextOffset) }, { text: fmt(r.latestOffset) }, { text: fmt(r.lag), cls: 'num' }]));
      setError('lag-error');
    } catch (e) { setError('lag-error', e.message); }
  },
  async topSongs() {
    try {
      const body = await getJson('dashboard/top-songs');
      document.getElementById('top-songs-source').textContent = 'newest totals in Cassandra table ' + body.table;
      const rows = [];
      Object.entries(body.radios).forEach(([radio, songs]) => songs.forEach(s => rows.push([
        { text: radio }, { text: s.artist + ' - ' + s.title, data: { radio: radio, song: s.artist + ' - ' + s.title } },
        { text: fmt(s.count), cls: 'num', data: { count: s.count } }])));
      fillTable('top-songs', rows);
      setError('top-songs-error');
    } catch (e) { setError('top-songs-error', e.message); }
  },
  async playsPerDay() {
    try {
      const body = await getJson('dashboard/plays-per-day');
      document.getElementById('plays-source').textContent = 'documents per day (UTC) in Elasticsearch index ' + body.index;
      lineChart(document.getElementById('plays-chart'), body.radios, day);
      setError('plays-error');
    } catch (e) { setError('plays-error', e.message); }
  },
  async deadLetters() {
    try {
      const body = await getJson('dashboard/dead-letters');
      const counts = document.getElementById('dead-letter-counts');
      while (counts.firstChild) counts.removeChild(counts.firstChild);
      const consumers = Object.entries(body.countsByConsumerAndReason);
      if (consumers.length === 0) counts.appendChild(el('p', { class: 'muted' }, 'none: every record was valid'));
      consumers.forEach(([consumer, reasons]) => Object.entries(reasons).forEach(([reason, n]) =>
        counts.appendChild(el('div', {}, consumer + ': ' + fmt(n) + ' × ' + reason))));
      fillTable('dead-letters', body.latest.map(d => [{ text: d.consumer }, { text: d.topic }, { text: d.partition },
        { text: d.offset }, { text: d.reason }, { text: fmt(d.valueBytes), cls: 'num' }, { text: d.valueStart, cls: 'value' }]));
      setError('dead-letters-error');
    } catch (e) { setError('dead-letters-error', e.message); }
  },
};

async function pollFast() {
  try {
    await panels.services();
  } catch (e) {
    document.getElementById('updated').textContent = 'offset-admin does not answer: ' + e.message;
  }
  await Promise.all([panels.rates(), panels.lag()]);
}

async function pollSlow() {
  await Promise.all([panels.topSongs(), panels.playsPerDay(), panels.deadLetters()]);
}

async function loop(poll, everyMs) {
  await poll();
  setTimeout(() => loop(poll, everyMs), everyMs);
}

getJson('dashboard/services').then(b => b.pollIntervalMs).catch(() => 2000)
  .then(ms => { loop(pollFast, ms); loop(pollSlow, SLOW_MS); });
