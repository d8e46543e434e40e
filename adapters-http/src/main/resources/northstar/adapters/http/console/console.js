// The Northstar console: reads the public API with the key the user pastes (kept in sessionStorage,
// sent only to this origin). No inline script or style (the page's CSP allows this file only); text
// is set with textContent, never parsed as HTML; media previews are raster images only.
'use strict';
(() => {
  const KEY = 'northstar.key';
  const RASTER = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp'];
  const SVG = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);
  const previews = [];

  function key() {
    return sessionStorage.getItem(KEY);
  }

  function say(text, error) {
    const s = $('status');
    s.textContent = text;
    s.classList.toggle('error', Boolean(error));
  }

  async function api(path) {
    const k = key();
    if (!k) {
      throw new Error('paste an API key first');
    }
    const r = await fetch(path, { headers: { Authorization: 'Bearer ' + k }, credentials: 'omit', cache: 'no-store' });
    if (!r.ok) {
      let detail = 'HTTP ' + r.status;
      try {
        const p = await r.json();
        detail = p.detail || p.title || detail;
      } catch (e) {
        // not a problem document: the status says it
      }
      throw new Error(detail);
    }
    return r;
  }

  async function json(path) {
    return (await api(path)).json();
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== undefined && v !== null) {
        e.setAttribute(k, String(v));
      }
    }
    for (const c of children) {
      e.append(c instanceof Node ? c : document.createTextNode(c === undefined || c === null ? '' : String(c)));
    }
    return e;
  }

  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      e.setAttribute(k, String(v));
    }
    return e;
  }

  function pct(x) {
    return (x * 100).toFixed(1) + ' %';
  }

  function num(x) {
    return Number(x).toLocaleString('en');
  }

  // datetime-local values are read and shown as UTC
  function utc(input) {
    return new Date(input.value + ':00Z');
  }

  function local(date) {
    return date.toISOString().slice(0, 16);
  }

  function range() {
    const from = utc($('from'));
    const to = utc($('to'));
    if (isNaN(from) || isNaN(to) || from >= to) {
      throw new Error('choose a range whose end is after its start');
    }
    return { from, to };
  }

  async function showIngest() {
    const { from, to } = range();
    const report = await json('/v1/analytics/report?granularity=hour&from=' + from.toISOString() + '&to=' + to.toISOString());
    const points = report.series.length ? report.series[0].points : [];
    const chart = $('chart');
    chart.replaceChildren();
    const body = $('hours').tBodies[0];
    body.replaceChildren();
    const max = Math.max(1, ...points.map((p) => p.events));
    const width = 24;
    const s = svg('svg', { viewBox: '0 0 ' + Math.max(1, points.length * width) + ' 100', preserveAspectRatio: 'none',
      role: 'img', 'aria-label': 'Events per hour: ' + points.length + ' hours with events' });
    s.append(svg('line', { x1: 0, y1: 99.5, x2: points.length * width, y2: 99.5, class: 'axis' }));
    points.forEach((p, i) => {
      const g = svg('g', { class: 'point', 'data-hour': p.start, 'data-events': p.events });
      const h = 96 * p.events / max;
      const failed = 96 * (p.errors + p.gatechainerrors) / max;
      g.append(svg('rect', { class: 'total', x: i * width + 2, y: 99 - h, width: width - 4, height: h }));
      g.append(svg('rect', { class: 'failed', x: i * width + 2, y: 99 - failed, width: width - 4, height: failed }));
      const title = svg('title', {});
      title.textContent = p.start + ': ' + p.events + ' events, error rate ' + pct(p.error_rate);
      g.append(title);
      s.append(g);
      body.append(el('tr', {}, el('td', {}, p.start.replace(':00:00Z', ':00')), el('td', {}, num(p.events)),
        el('td', {}, pct(p.error_rate)), el('td', {}, num(p.gatechainerrors))));
    });
    chart.append(s);
  }

  async function showCampaigns() {
    const { from, to } = range();
    const day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
    const report = await json('/v1/analytics/report?granularity=day&group_by=utm_source,utm_medium,utm_campaign&from='
      + day.toISOString() + '&to=' + to.toISOString());
    const body = $('campaigns').tBodies[0];
    body.replaceChildren();
    for (const s of report.series) {
      let errors = 0;
      const usage = {};
      for (const p of s.points) {
        errors += p.errors + p.gatechainerrors;
        for (const u of p.usage) {
          const k = u.provider + '/' + u.metric;
          usage[k] = (usage[k] || 0) + u.amount;
        }
      }
      const g = s.group;
      body.append(el('tr', {}, el('td', {}, g.utm_source || '(none)'), el('td', {}, g.utm_medium || '(none)'),
        el('td', {}, g.utm_campaign || '(none)'), el('td', {}, num(s.events)),
        el('td', {}, pct(s.events ? errors / s.events : 0)),
        el('td', {}, Object.entries(usage).map(([k, v]) => k + ' ' + num(v)).join(', ') || '-')));
    }
  }

  async function showBudgets() {
    const provider = $('provider').value.trim();
    if (!provider) {
      return;
    }
    const list = await json('/v1/budgets/' + encodeURIComponent(provider));
    const ul = $('budgets');
    ul.replaceChildren();
    for (const b of list.items) {
      const limit = b.hard_limit ?? b.soft_limit;
      const used = b.usage + (b.held || 0);
      const li = el('li', { 'data-metric': b.metric }, el('strong', {}, b.provider + ' / ' + b.metric));
      const id = 'meter-' + b.provider + '-' + b.metric;
      li.append(el('label', { for: id, class: 'small' }, 'used ' + num(b.usage) + (b.held ? ' + held ' + num(b.held) : '')
        + (limit !== null && limit !== undefined ? ' of ' + num(limit) : ' (no limit)')));
      if (limit) {
        li.append(el('meter', { id, min: 0, max: limit, value: Math.min(used, limit), low: b.soft_limit ?? limit,
          high: b.soft_limit ?? limit, optimum: 0 }));
      }
      li.append(el('div', { class: 'small' }, 'soft ' + (b.soft_limit ?? '-') + ', hard ' + (b.hard_limit ?? '-')
        + ', period ' + b.period + (b.reset_at ? ', resets ' + b.reset_at : '')));
      ul.append(li);
    }
    if (!list.items.length) {
      ul.append(el('li', {}, 'No budgets of ' + provider + '.'));
    }
  }

  async function showRun() {
    const run = $('run').value.trim();
    if (!run) {
      return;
    }
    const s = await json('/v1/analytics/runs/' + encodeURIComponent(run) + '/summary');
    $('run-overview').textContent = s.run_id + ': ' + s.status + ', ' + s.events + ' events, ' + s.errors + ' errors, '
      + s.duration_ms + ' ms' + (s.usage.length ? ', charged ' + s.usage.map((u) => num(u.amount) + ' ' + u.provider
      + '/' + u.metric).join(', ') : '') + (s.truncated ? ' (first 10,000 events)' : '');
    const ol = $('timeline');
    ol.replaceChildren();
    for (const st of s.steps) {
      const li = el('li', { class: 'status-' + st.status, 'data-step': st.step_id || '' },
        el('strong', {}, st.step_id || '(no step)'), ' ' + st.status + ', ' + st.events + ' events, ' + st.duration_ms
        + ' ms, from ' + st.first_at);
      if (st.gate) {
        li.append(' ', el('span', { class: 'gate' }, 'refused by the ' + st.gate + ' gate'));
      }
      if (st.error_message) {
        li.append(el('div', { class: 'small' }, st.error_message));
      }
      ol.append(li);
    }
  }

  async function showSession() {
    const session = $('session').value.trim();
    if (!session) {
      return;
    }
    previews.splice(0).forEach((u) => URL.revokeObjectURL(u));
    const gallery = $('gallery');
    gallery.replaceChildren();
    const overview = $('session-overview');
    try {
      const s = await json('/v1/sessions/' + encodeURIComponent(session) + '/summary');
      overview.textContent = s.session_id + ': ' + s.events + ' events in ' + s.runs.length + ' runs, '
        + s.media.count + ' media (' + num(s.media.bytes) + ' bytes)';
    } catch (e) {
      overview.textContent = session + ': ' + e.message;
      return;
    }
    const page = await json('/v1/sessions/' + encodeURIComponent(session) + '/media?limit=100');
    for (const m of page.items) {
      const type = (m.mime_type || '').split(';')[0].trim().toLowerCase();
      const li = el('li', { 'data-media': m.media_id });
      if (RASTER.includes(type)) {
        const blob = await (await api('/v1/media/' + encodeURIComponent(m.media_id))).blob();
        const url = URL.createObjectURL(new Blob([blob], { type }));
        previews.push(url);
        li.append(el('img', { src: url, alt: 'media ' + m.media_id + ' (' + type + ')' }));
      } else {
        const a = el('a', { href: '#', class: 'download' }, 'Download ' + m.media_id);
        a.addEventListener('click', async (ev) => {
          ev.preventDefault();
          const blob = await (await api('/v1/media/' + encodeURIComponent(m.media_id))).blob();
          const url = URL.createObjectURL(new Blob([blob], { type: 'application/octet-stream' }));
          const save = el('a', { href: url, download: m.media_id });
          document.body.append(save);
          save.click();
          save.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10000);
        });
        li.append(a);
      }
      li.append(el('div', { class: 'small' }, type + ', ' + num(m.size_bytes) + ' bytes'));
      gallery.append(li);
    }
  }

  async function run(name, task) {
    try {
      await task();
      return true;
    } catch (e) {
      say(name + ': ' + e.message, true);
      return false;
    }
  }

  async function refresh() {
    if (!key()) {
      return;
    }
    const ok = await run('ingest', showIngest) & await run('campaigns', showCampaigns) & await run('budgets', showBudgets);
    if (ok) {
      say('Reading as the pasted key. Updated ' + new Date().toISOString().slice(11, 19) + ' UTC.');
    }
    document.body.dataset.loaded = 'true';
  }

  function start() {
    const to = new Date();
    to.setUTCMinutes(0, 0, 0);
    to.setUTCHours(to.getUTCHours() + 1);
    $('to').value = local(to);
    $('from').value = local(new Date(to.getTime() - 24 * 3600 * 1000));
    const params = new URLSearchParams(location.search);
    for (const f of ['from', 'to', 'run', 'session', 'provider']) {
      if (params.get(f)) {
        $(f).value = params.get(f);
      }
    }
    $('key-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const k = $('key').value.trim();
      if (k) {
        sessionStorage.setItem(KEY, k);
        $('key').value = '';
        refresh();
      }
    });
    $('forget').addEventListener('click', () => {
      sessionStorage.removeItem(KEY);
      say('The key is forgotten.');
    });
    $('range-form').addEventListener('submit', (e) => {
      e.preventDefault();
      refresh();
    });
    $('budget-form').addEventListener('submit', (e) => {
      e.preventDefault();
      run('budgets', showBudgets);
    });
    $('run-form').addEventListener('submit', (e) => {
      e.preventDefault();
      run('run', showRun);
    });
    $('session-form').addEventListener('submit', (e) => {
      e.preventDefault();
      run('session', showSession);
    });
    if (key()) {
      say('Reading with the key this tab holds.');
      refresh().then(() => Promise.all([$('run').value && run('run', showRun),
        $('session').value && run('session', showSession)])).then(() => {
        document.body.dataset.ready = 'true';
      });
    } else {
      document.body.dataset.ready = 'true';
    }
  }

  start();
})();
