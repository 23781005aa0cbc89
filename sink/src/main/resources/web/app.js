/*
 * mediamon web app: stories, search, saved queries, operators.
 *
 * Plain ES2020, no framework, no build step. Rules kept throughout:
 * - data from the API only ever reaches the page as text nodes or attribute values (el() below turns every
 *   string child into a text node; no HTML string is ever parsed into the page);
 * - a link built from data gets an href only when new URL() parses it as http: or https: (safeHttpUrl);
 * - mutating requests carry X-Mediamon-Request: 1 and a JSON content type (api());
 * - no inline handlers or styles: listeners are added with addEventListener, looks come from classes in app.css.
 */
'use strict';

(function () {
  // ------------------------------------------------------------------------------------------------------------
  // DOM helpers
  // ------------------------------------------------------------------------------------------------------------

  const SVG_NS = 'http://www.w3.org/2000/svg';

  /** Creates an element. attrs: plain attributes, 'class', and on<event> functions; children: nodes or text. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    appendChildren(node, children);
    return node;
  }

  /** The same for SVG elements (sparklines). */
  function svgEl(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    appendChildren(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) return;
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      const lower = name.toLowerCase();
      if (lower.startsWith('on')) {
        // Listeners only; a string is never turned into an inline handler attribute.
        if (typeof value === 'function') node.addEventListener(lower.slice(2), value);
        continue;
      }
      if (lower === 'style' || lower === 'srcdoc') continue;
      if ((lower === 'href' || lower === 'src' || lower === 'action' || lower === 'xlink:href') && !isSafeRef(value)) {
        continue;
      }
      if (name === 'class') {
        node.setAttribute('class', String(value));
      } else {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    }
  }

  function appendChildren(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  /** Internal references (hash routes, same-origin paths) and http(s) URLs; anything else is refused. */
  function isSafeRef(value) {
    const s = String(value);
    if (s.startsWith('#')) return true;
    if (s.startsWith('/') && !s.startsWith('//') && !s.startsWith('/\\')) return true;
    return safeHttpUrl(s) !== null;
  }

  /** The URL when it parses on its own as http: or https:, else null. */
  function safeHttpUrl(u) {
    if (typeof u !== 'string' || u.trim() === '') return null;
    try {
      const url = new URL(u);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  /** A link that opens outside the app when the URL is http(s); plain text otherwise. */
  function extLink(url, text, attrs) {
    const href = safeHttpUrl(url);
    const label = text === undefined || text === null || text === '' ? (url || '') : text;
    if (!href) return el('span', Object.assign({ class: 'nolink' }, attrs || {}), label);
    return el('a', Object.assign({ href, rel: 'noopener noreferrer', target: '_blank', class: 'ext' }, attrs || {}), label);
  }

  /** The small "↗" next to a title, or nothing when the URL is not http(s). */
  function extArrow(url, testid) {
    const href = safeHttpUrl(url);
    if (!href) return null;
    return el('a', {
      href, rel: 'noopener noreferrer', target: '_blank', class: 'ext-arrow',
      title: 'Open the article', 'aria-label': 'Open the article', 'data-testid': testid || 'ext-link',
    }, '↗');
  }

  function storyHref(id) {
    return '#/story/' + encodeURIComponent(String(id));
  }

  function ruleHref(id) {
    return '#/rules/' + encodeURIComponent(String(id));
  }

  function searchHref(q, page) {
    return '#/search?q=' + encodeURIComponent(q) + '&page=' + encodeURIComponent(String(page || 1));
  }

  function chip(text, attrs) {
    return el('span', Object.assign({ class: 'chip' }, attrs || {}), text);
  }

  function dotList(items) {
    const out = [];
    for (const item of items) {
      if (item === null || item === undefined || item === '' || (Array.isArray(item) && item.length === 0)) continue;
      if (out.length) out.push(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
      out.push(item);
    }
    return out;
  }

  function languageAttr(lang) {
    return typeof lang === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : null;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Values from the API (tolerant: Avro JSON unions, epoch millis or ISO strings, missing fields)
  // ------------------------------------------------------------------------------------------------------------

  const AVRO_BRANCHES = new Set(['string', 'long', 'int', 'double', 'float', 'boolean', 'bytes', 'array', 'map']);

  /** Unwraps an Avro JSON union value such as {"string": "x"}. */
  function unwrap(v) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && (AVRO_BRANCHES.has(keys[0]) || keys[0].startsWith('io.mediamon.'))) return v[keys[0]];
    }
    return v;
  }

  function str(v) {
    v = unwrap(v);
    return v === null || v === undefined ? '' : String(v);
  }

  function num(v) {
    v = unwrap(v);
    if (v === null || v === undefined || v === '') return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }

  function arr(v) {
    v = unwrap(v);
    return Array.isArray(v) ? v : [];
  }

  function obj(v) {
    v = unwrap(v);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  }

  /** A Date from an ISO string or epoch milliseconds; null when absent or unreadable. */
  function toDate(v) {
    v = unwrap(v);
    if (v === null || v === undefined || v === '') return null;
    let d;
    if (typeof v === 'number') d = new Date(v < 1e11 ? v * 1000 : v);
    else if (typeof v === 'string' && /^\d+$/.test(v)) d = new Date(Number(v));
    else d = new Date(String(v));
    return Number.isNaN(d.getTime()) ? null : d;
  }

  function timeValue(v) {
    const d = toDate(v);
    return d ? d.getTime() : 0;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Formatting
  // ------------------------------------------------------------------------------------------------------------

  const intFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  const rateFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const regionNames = makeDisplayNames('region');
  const languageNames = makeDisplayNames('language');

  function makeDisplayNames(type) {
    try {
      return new Intl.DisplayNames(undefined, { type });
    } catch (e) {
      return null;
    }
  }

  function displayName(names, code) {
    if (!names || !code) return null;
    try {
      const name = names.of(code);
      return name && name !== code ? name : null;
    } catch (e) {
      return null;
    }
  }

  function fmtInt(n) {
    const v = num(n);
    return v === null ? '—' : intFormat.format(v);
  }

  function fmtRate(n) {
    const v = num(n);
    return v === null ? '—' : rateFormat.format(v);
  }

  function plural(n, one, many) {
    const v = num(n) || 0;
    return fmtInt(v) + ' ' + (v === 1 ? one : (many || one + 's'));
  }

  function fmtDate(d) {
    return dateFormat.format(d);
  }

  function relTime(d) {
    const diff = Date.now() - d.getTime();
    const future = diff < 0;
    const s = Math.abs(diff) / 1000;
    let text;
    if (s < 45) return future ? 'in a moment' : 'just now';
    if (s < 3600) text = Math.max(1, Math.round(s / 60)) + ' min';
    else if (s < 86400) text = Math.round(s / 3600) + ' h';
    else if (s < 86400 * 45) { const days = Math.round(s / 86400); text = days + (days === 1 ? ' day' : ' days'); }
    else return fmtDate(d);
    return future ? 'in ' + text : text + ' ago';
  }

  /** "+45 s", "+3 min", "+2 h 5 min", "+1 d 3 h". */
  function fmtLag(ms) {
    const v = num(ms);
    if (v === null) return '—';
    const sign = v < 0 ? '−' : '+';
    const s = Math.round(Math.abs(v) / 1000);
    if (s < 60) return sign + s + ' s';
    const m = Math.round(s / 60);
    if (m < 60) return sign + m + ' min';
    const h = Math.floor(s / 3600);
    if (h < 24) {
      const rm = Math.round((s - h * 3600) / 60);
      return sign + h + ' h' + (rm ? ' ' + rm + ' min' : '');
    }
    const d = Math.floor(s / 86400);
    const rh = Math.round((s - d * 86400) / 3600);
    return sign + d + ' d' + (rh ? ' ' + rh + ' h' : '');
  }

  function fmtSimilarity(v) {
    const n = num(v);
    return n === null ? '' : n.toFixed(2);
  }

  /** A <time> in local time (or relative) with the ISO value in its title. */
  function timeEl(value, relative, attrs) {
    const d = toDate(value);
    if (!d) return el('span', Object.assign({ class: 'muted' }, attrs || {}), '—');
    const iso = d.toISOString();
    return el('time', Object.assign({
      datetime: iso,
      title: iso,
      class: relative ? 'reltime' : null,
      'data-ts': relative ? String(d.getTime()) : null,
    }, attrs || {}), relative ? relTime(d) : fmtDate(d));
  }

  function refreshRelativeTimes() {
    for (const t of document.querySelectorAll('time.reltime[data-ts]')) {
      const ts = Number(t.getAttribute('data-ts'));
      if (Number.isFinite(ts)) t.textContent = relTime(new Date(ts));
    }
  }

  function countryEl(code) {
    const c = str(code);
    return el('abbr', { class: 'country', title: displayName(regionNames, c) }, c);
  }

  function languageEl(code, attrs) {
    const c = str(code);
    if (!c) return el('span', Object.assign({ class: 'muted' }, attrs || {}), '—');
    return el('abbr', Object.assign({ class: 'lang', title: displayName(languageNames, c) }, attrs || {}), c);
  }

  // ------------------------------------------------------------------------------------------------------------
  // HTTP
  // ------------------------------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, message, data) {
      super(message);
      this.status = status;
      this.data = data || {};
    }
  }

  /** fetch() for the JSON API: throws ApiError with the server's "error" on a non-2xx answer. */
  async function api(path, options) {
    const opts = options || {};
    const method = (opts.method || 'GET').toUpperCase();
    const init = { method, credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } };
    if (method !== 'GET' && method !== 'HEAD') {
      init.headers['Content-Type'] = 'application/json';
      init.headers['X-Mediamon-Request'] = '1';
      if (opts.body !== undefined) init.body = JSON.stringify(opts.body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, 'Cannot reach the mediamon server (' + (e && e.message ? e.message : 'network error') + ')');
    }
    let data = null;
    const text = await response.text().catch(() => '');
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (e) {
        data = null;
      }
    }
    if (response.status === 401) {
      showAuthBanner();
      throw new ApiError(401, (data && typeof data.error === 'string' && data.error) || 'A token is required', data);
    }
    if (!response.ok) {
      const message = data && typeof data.error === 'string' && data.error
        ? data.error
        : 'HTTP ' + response.status + (response.statusText ? ' ' + response.statusText : '');
      throw new ApiError(response.status, message, data);
    }
    if (data === null && text) throw new ApiError(response.status, 'The server answered with something that is not JSON');
    return data || {};
  }

  function showAuthBanner() {
    const banner = document.getElementById('banner');
    if (!banner) return;
    banner.replaceChildren(
      el('span', { 'data-testid': 'auth-required' },
        'This mediamon requires a token: open ', el('code', null, '/login?token=…')));
    banner.hidden = false;
  }

  function errorBox(err, testid) {
    const message = err instanceof Error ? err.message : String(err);
    return el('div', { class: 'error', role: 'alert', 'data-testid': testid || 'error' }, message);
  }

  /** The server's message and, under it, the query with a caret under the position. */
  function queryErrorBox(message, query, position) {
    const box = el('div', { class: 'query-error', role: 'alert', 'data-testid': 'query-error' },
      el('div', { class: 'query-error-message', 'data-testid': 'query-error-message' }, message));
    const q = typeof query === 'string' ? query : '';
    const pos = num(position);
    if (q !== '' || pos !== null) {
      const line = q.replace(/[\t\r\n]/g, ' ');
      const lines = [line];
      if (pos !== null && pos >= 0) {
        const column = Array.from(line.slice(0, Math.min(pos, line.length))).length + Math.max(0, pos - line.length);
        lines.push(' '.repeat(column) + '^');
      }
      box.appendChild(el('pre', { class: 'query-caret', 'data-testid': 'query-caret' }, lines.join('\n')));
    }
    return box;
  }

  function isQueryError(err) {
    return err instanceof ApiError && err.status === 400 && err.data && typeof err.data.error === 'string';
  }

  // ------------------------------------------------------------------------------------------------------------
  // Shared state, fed by the API and the event stream
  // ------------------------------------------------------------------------------------------------------------

  const MAX_STORIES = 1000;
  const MAX_SAMPLES = 60;
  const MAX_MATCHES_PER_RULE = 200;

  const state = {
    stories: new Map(),       // story_id -> Story
    matches: new Map(),       // rule_id -> [match], newest first, as they arrived on the stream
    samples: [],              // status samples for the sparklines: {at, key, rates: Map topic -> records/s}
    lastStatus: null,
    connected: false,
    everConnected: false,
  };

  function storyOrder(a, b) {
    return (timeValue(b.first_seen_at) - timeValue(a.first_seen_at))
      || (timeValue(b.updated_at) - timeValue(a.updated_at))
      || (str(a.story_id) < str(b.story_id) ? -1 : str(a.story_id) > str(b.story_id) ? 1 : 0);
  }

  function sortedStories() {
    return Array.from(state.stories.values()).sort(storyOrder);
  }

  /** Keeps a story unless the one already known is newer (a live update that beat the list). */
  function mergeStory(story, fromStream) {
    if (!story || typeof story !== 'object' || !str(story.story_id)) return false;
    const id = str(story.story_id);
    const known = state.stories.get(id);
    if (known && !fromStream && timeValue(known.updated_at) > timeValue(story.updated_at)) return false;
    state.stories.set(id, story);
    if (state.stories.size > MAX_STORIES) {
      const oldest = sortedStories().slice(MAX_STORIES);
      for (const s of oldest) state.stories.delete(str(s.story_id));
    }
    return true;
  }

  function rememberMatch(match) {
    const ruleId = str(match.rule_id);
    if (!ruleId) return;
    const list = (state.matches.get(ruleId) || []).filter((m) => !sameMatch(m, match));
    list.unshift(match);
    list.length = Math.min(list.length, MAX_MATCHES_PER_RULE);
    state.matches.set(ruleId, list);
  }

  function sameMatch(a, b) {
    const ka = str(a.alert_id) || str(a.rule_id) + ':' + str(a.story_id) + ':' + str(a.event_id);
    const kb = str(b.alert_id) || str(b.rule_id) + ':' + str(b.story_id) + ':' + str(b.event_id);
    return ka === kb;
  }

  function recordStatus(status) {
    if (!status || typeof status !== 'object') return;
    state.lastStatus = status;
    const key = str(status.refreshed_at) || String(Date.now());
    const last = state.samples[state.samples.length - 1];
    const rates = new Map();
    for (const t of arr(status.topics)) rates.set(str(t.topic), num(t.records_per_second));
    const sample = { at: toDate(status.refreshed_at) || new Date(), key, rates };
    if (last && last.key === key) state.samples[state.samples.length - 1] = sample;
    else state.samples.push(sample);
    if (state.samples.length > MAX_SAMPLES) state.samples.splice(0, state.samples.length - MAX_SAMPLES);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Live updates (Server-Sent Events)
  // ------------------------------------------------------------------------------------------------------------

  let stream = null;
  let reconnectTimer = null;

  function connectStream() {
    if (!('EventSource' in window)) return;
    if (stream) stream.close();
    const es = new EventSource('/api/stream', { withCredentials: true });
    stream = es;
    es.addEventListener('open', () => {
      const wasConnected = state.everConnected;
      state.everConnected = true;
      setLive(true);
      if (wasConnected) dispatch('onReconnect');
    });
    es.addEventListener('error', () => {
      setLive(false);
      // EventSource retries by itself unless the server refused the stream outright (CLOSED).
      if (es.readyState === EventSource.CLOSED && stream === es && !reconnectTimer) {
        reconnectTimer = setTimeout(() => {
          reconnectTimer = null;
          connectStream();
        }, 5000);
      }
    });
    es.addEventListener('story', (e) => {
      const story = parseEventData(e);
      if (story && mergeStory(story, true)) dispatch('onStory', story);
    });
    es.addEventListener('match', (e) => {
      const match = parseEventData(e);
      if (!match) return;
      rememberMatch(match);
      dispatch('onMatch', match);
    });
    es.addEventListener('status', (e) => {
      const status = parseEventData(e);
      if (!status) return;
      recordStatus(status);
      dispatch('onStatus', status);
    });
  }

  function parseEventData(e) {
    try {
      const data = JSON.parse(e.data);
      return data && typeof data === 'object' ? data : null;
    } catch (err) {
      return null;
    }
  }

  function setLive(connected) {
    state.connected = connected;
    const live = document.getElementById('live');
    if (!live) return;
    live.className = 'live ' + (connected ? 'live-on' : 'live-off');
    live.setAttribute('data-state', connected ? 'connected' : 'disconnected');
    live.setAttribute('title', connected ? 'Live updates: connected' : 'Live updates: disconnected, reconnecting…');
    const label = document.getElementById('live-label');
    if (label) label.textContent = connected ? 'live' : 'offline';
  }

  // ------------------------------------------------------------------------------------------------------------
  // Routing
  // ------------------------------------------------------------------------------------------------------------

  let current = null;     // handlers of the view on screen: onStory, onMatch, onStatus, onReconnect, dispose
  let routeGeneration = 0;

  function dispatch(handler, payload) {
    if (current && typeof current[handler] === 'function') {
      try {
        current[handler](payload);
      } catch (e) {
        console.error(e); // eslint-disable-line no-console
      }
    }
  }

  function decodePart(p) {
    try {
      return decodeURIComponent(p);
    } catch (e) {
      return p;
    }
  }

  function parseHash() {
    const hash = location.hash.replace(/^#/, '');
    const q = hash.indexOf('?');
    const path = q >= 0 ? hash.slice(0, q) : hash;
    const params = new URLSearchParams(q >= 0 ? hash.slice(q + 1) : '');
    const parts = path.split('/').filter((p) => p !== '').map(decodePart);
    return { parts, params };
  }

  function route() {
    if (current && typeof current.dispose === 'function') current.dispose();
    current = null;
    const generation = ++routeGeneration;
    const ctx = { alive: () => generation === routeGeneration };
    const root = document.getElementById('view');
    root.replaceChildren();

    const { parts, params } = parseHash();
    const name = parts[0] || 'stories';
    let nav = name;
    let view;
    if (name === 'stories' && parts.length === 1) view = () => storiesView(root, ctx);
    else if (name === 'story' && parts.length === 2) { nav = 'stories'; view = () => storyView(root, ctx, parts[1]); }
    else if (name === 'search' && parts.length === 1) view = () => searchView(root, ctx, params);
    else if (name === 'rules' && parts.length === 1) view = () => rulesView(root, ctx);
    else if (name === 'rules' && parts.length === 2) view = () => watchView(root, ctx, parts[1]);
    else if (name === 'operators' && parts.length === 1) view = () => operatorsView(root, ctx);
    else if (parts.length === 0) view = () => storiesView(root, ctx);
    else { nav = ''; view = () => notFoundView(root); }
    setActiveNav(nav);
    current = view() || {};
  }

  function setActiveNav(name) {
    for (const a of document.querySelectorAll('#nav a[data-nav]')) {
      const active = a.getAttribute('data-nav') === name;
      a.classList.toggle('active', active);
      if (active) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }

  function setTitle(title) {
    document.title = title ? title + ' · mediamon' : 'mediamon';
  }

  function notFoundView(root) {
    setTitle('Not found');
    root.appendChild(el('section', { class: 'page', 'data-testid': 'not-found' },
      el('h1', null, 'Nothing here'),
      el('p', null, 'This page does not exist. ', el('a', { href: '#/stories' }, 'Back to the stories'))));
    return {};
  }

  function loading() {
    return el('p', { class: 'muted loading', 'data-testid': 'loading' }, 'Loading…');
  }

  // ------------------------------------------------------------------------------------------------------------
  // Stories
  // ------------------------------------------------------------------------------------------------------------

  const MAX_ROWS = 500;

  function storiesView(root, ctx) {
    setTitle('Stories');
    const count = el('span', { class: 'count', 'data-testid': 'stories-count' });
    const message = el('div', { class: 'list-message' });
    const list = el('ol', { class: 'story-list', id: 'story-list', 'data-testid': 'story-list' });
    root.appendChild(el('section', { class: 'page', 'data-testid': 'stories-page' },
      el('header', { class: 'page-head' }, el('h1', null, 'Stories'), count),
      message, list));

    const rows = new Map(); // story_id -> row element

    function updateCount() {
      count.textContent = state.stories.size ? plural(state.stories.size, 'story', 'stories') : '';
    }

    function renderAll() {
      rows.clear();
      list.replaceChildren();
      for (const story of sortedStories().slice(0, MAX_ROWS)) {
        const row = storyRow(story);
        rows.set(str(story.story_id), row);
        list.appendChild(row);
      }
      updateCount();
      if (state.stories.size === 0 && !message.firstChild) message.appendChild(storiesEmpty());
      if (state.stories.size > 0) message.replaceChildren();
    }

    function upsert(story) {
      const id = str(story.story_id);
      const old = rows.get(id);
      const row = storyRow(story);
      if (old) old.remove();
      rows.set(id, row);
      const sorted = sortedStories();
      const index = sorted.findIndex((s) => str(s.story_id) === id);
      let before = null;
      for (let i = index + 1; i < sorted.length && !before; i++) before = rows.get(str(sorted[i].story_id)) || null;
      list.insertBefore(row, before);
      flash(row);
      while (rows.size > MAX_ROWS && list.lastElementChild) {
        const last = list.lastElementChild;
        rows.delete(last.getAttribute('data-story-id'));
        last.remove();
      }
      message.replaceChildren();
      updateCount();
    }

    function load() {
      if (state.stories.size === 0) message.replaceChildren(loading());
      api('/api/stories?limit=200').then((data) => {
        if (!ctx.alive()) return;
        message.replaceChildren();
        for (const story of arr(data.stories)) mergeStory(story, false);
        renderAll();
      }).catch((err) => {
        if (!ctx.alive()) return;
        message.replaceChildren(errorBox(err));
      });
    }

    if (state.stories.size) renderAll();
    load();
    return {
      onStory: (story) => upsert(story),
      onReconnect: () => load(),
    };
  }

  function storiesEmpty() {
    return el('p', { class: 'empty', 'data-testid': 'empty' },
      'No stories yet — run ', el('code', null, 'mediamon run'), ' with some inputs');
  }

  function flash(node) {
    node.classList.remove('flash');
    void node.offsetWidth; // restart the animation
    node.classList.add('flash');
    setTimeout(() => node.classList.remove('flash'), 2500);
  }

  function maxLag(story) {
    let max = null;
    for (const lag of arr(story.lags)) {
      const ms = num(lag.lag_ms);
      if (ms !== null && (max === null || ms > max)) max = ms;
    }
    return max;
  }

  function topLevelTopics(topics) {
    const list = arr(topics);
    const top = list.filter((t) => num(t.level) === null || num(t.level) <= 1);
    return top.length ? top : list;
  }

  function storyRow(story) {
    const id = str(story.story_id);
    const lag = maxLag(story);
    const posts = arr(story.linked_posts).length;
    const countries = arr(story.countries);
    const topics = topLevelTopics(story.topics);
    const title = str(story.title) || '(untitled)';
    return el('li', { class: 'story-row', 'data-testid': 'story-row', 'data-story-id': id },
      el('div', { class: 'story-when' }, timeEl(story.first_seen_at, true, { 'data-testid': 'story-time' })),
      el('div', { class: 'story-main' },
        el('div', { class: 'story-title-line' },
          el('a', { href: storyHref(id), class: 'story-title', 'data-testid': 'story-title', lang: languageAttr(str(story.language)) }, title),
          ' ', extArrow(str(story.url), 'story-ext')),
        el('div', { class: 'story-meta' }, dotList([
          el('span', { class: 'publisher', 'data-testid': 'story-publisher' }, str(story.first_publisher) || 'unknown outlet'),
          lag !== null ? el('span', { class: 'lag', 'data-testid': 'story-lag', title: 'Largest lag among copies' }, 'max lag ' + fmtLag(lag)) : null,
          str(story.language) ? languageEl(story.language, { 'data-testid': 'story-language' }) : null,
          countries.length ? el('span', { class: 'countries', 'data-testid': 'story-countries' }, joinNodes(countries.map(countryEl), ' ')) : null,
          topics.length ? el('span', { class: 'topics', 'data-testid': 'story-topics' }, topics.map((t) => chip(str(t.label) || str(t.code), { title: str(t.code) }))) : null,
          posts ? el('span', { class: 'posts', 'data-testid': 'story-posts', title: 'Linked social posts' }, plural(posts, 'post')) : null,
        ]))),
      el('div', { class: 'story-counts' },
        el('span', { class: 'outlets', 'data-testid': 'story-outlets' }, plural(story.outlets, 'outlet')),
        el('span', { class: 'copies muted', 'data-testid': 'story-copies' }, plural(story.copies, 'copy', 'copies'))));
  }

  function joinNodes(nodes, separator) {
    const out = [];
    nodes.forEach((n, i) => {
      if (i) out.push(separator);
      out.push(n);
    });
    return out;
  }

  // ------------------------------------------------------------------------------------------------------------
  // One story
  // ------------------------------------------------------------------------------------------------------------

  function storyView(root, ctx, id) {
    setTitle('Story');
    const page = el('section', { class: 'page', 'data-testid': 'story-page', 'data-story-id': id },
      el('p', { class: 'crumbs' }, el('a', { href: '#/stories' }, '← Stories')), loading());
    root.appendChild(page);
    let selectedCopy = 0;
    let refetchTimer = null;

    function load() {
      api('/api/stories/' + encodeURIComponent(id)).then((data) => {
        if (!ctx.alive()) return;
        const story = obj(data.story);
        const events = arr(data.events).map(obj);
        if (selectedCopy >= events.length) selectedCopy = 0;
        page.replaceChildren(el('p', { class: 'crumbs' }, el('a', { href: '#/stories' }, '← Stories')),
          ...storyDetail(story, events, selectedCopy, (i) => { selectedCopy = i; }));
        setTitle(str(story.title) || 'Story');
      }).catch((err) => {
        if (!ctx.alive()) return;
        const notFound = err instanceof ApiError && err.status === 404;
        page.replaceChildren(el('p', { class: 'crumbs' }, el('a', { href: '#/stories' }, '← Stories')),
          el('h1', null, notFound ? 'Story not found' : 'Could not load the story'),
          errorBox(err));
      });
    }

    load();
    return {
      onStory: (story) => {
        if (str(story.story_id) !== id) return;
        clearTimeout(refetchTimer);
        refetchTimer = setTimeout(load, 700);
      },
      onReconnect: () => load(),
      dispose: () => clearTimeout(refetchTimer),
    };
  }

  function siteName(ev) {
    const source = obj(ev.source);
    const name = str(source.site_name);
    if (name) return name;
    const href = safeHttpUrl(str(ev.url) || str(ev.canonical_url));
    return href ? new URL(href).hostname : '';
  }

  /** The lag of each copy: from story.lags (by event id, else by outlet in order), else from ingest times. */
  function copyLags(story, events) {
    const lags = arr(story.lags).map(obj);
    const used = new Set();
    const take = (predicate) => {
      const i = lags.findIndex((l, j) => !used.has(j) && predicate(l));
      if (i < 0) return null;
      used.add(i);
      return lags[i];
    };
    const t0 = events.length ? timeValue(obj(events[0].provenance).ingested_at) : 0;
    return events.map((ev, i) => {
      if (i === 0) return { first: true };
      const evId = str(ev.id);
      const lag = take((l) => str(l.event_id) !== '' && str(l.event_id) === evId)
        || take((l) => str(l.event_id) === '' && str(l.source) === siteName(ev));
      if (lag) return lag;
      const t = timeValue(obj(ev.provenance).ingested_at);
      return t0 && t ? { lag_ms: t - t0 } : null;
    });
  }

  function storyDetail(story, events, selectedCopy, onSelect) {
    const title = str(story.title) || (events[0] && str(events[0].title)) || '(untitled)';
    const url = str(story.url) || (events[0] && (str(events[0].url) || str(events[0].canonical_url)));
    const countries = arr(story.countries);
    const topics = arr(story.topics);
    const posts = arr(story.linked_posts).map(obj);
    const head = el('header', { class: 'story-head' },
      el('h1', { 'data-testid': 'story-heading', lang: languageAttr(str(story.language)) },
        extLink(url, title, { 'data-testid': 'story-link' })),
      el('p', { class: 'story-facts' }, dotList([
        el('span', null, 'First published by ', el('strong', { 'data-testid': 'story-first-publisher' }, str(story.first_publisher) || 'unknown outlet')),
        el('span', null, 'first seen ', timeEl(story.first_seen_at, false, { 'data-testid': 'story-first-seen' })),
        el('span', { 'data-testid': 'story-outlets' }, plural(story.outlets, 'outlet')),
        el('span', { 'data-testid': 'story-copies' }, plural(story.copies, 'copy', 'copies')),
        str(story.language) ? languageEl(story.language) : null,
        story.updated_at ? el('span', { class: 'muted' }, 'updated ', timeEl(story.updated_at, true)) : null,
      ])),
      countries.length || topics.length
        ? el('p', { class: 'story-tags' },
          countries.map((c) => chip(countryEl(c), { class: 'chip chip-country' })),
          topics.map((t) => chip(str(t.label) || str(t.code), { class: num(t.level) > 1 ? 'chip chip-sub' : 'chip', title: str(t.code) })))
        : null);

    const out = [head, copiesTable(story, events)];
    if (posts.length) out.push(linkedPostsSection(posts));
    out.push(whyTagsSection(events, selectedCopy, onSelect));
    return out;
  }

  function copiesTable(story, events) {
    const lags = copyLags(story, events);
    const section = el('section', { class: 'block', 'data-testid': 'copies' }, el('h2', null, 'Copies'));
    if (!events.length) {
      section.appendChild(el('p', { class: 'empty' }, 'The server knows no copy of this story yet.'));
      return section;
    }
    const body = el('tbody');
    events.forEach((ev, i) => {
      const dedup = obj(ev.dedup);
      const lag = lags[i];
      const first = i === 0 || str(dedup.status) === 'FIRST';
      const method = str(dedup.method) || (lag && str(lag.method));
      const similarity = dedup.similarity !== undefined && dedup.similarity !== null ? dedup.similarity : lag && lag.similarity;
      const dedupText = first && !method ? 'first' : [method || str(dedup.status).toLowerCase() || '—', fmtSimilarity(similarity)].filter(Boolean).join(' ');
      body.appendChild(el('tr', { 'data-testid': 'copy-row', 'data-event-id': str(ev.id), class: i === 0 ? 'first-copy' : null },
        el('td', { 'data-label': 'Outlet', 'data-testid': 'copy-outlet' }, siteName(ev) || '—'),
        el('td', { 'data-label': 'Title', class: 'copy-title', lang: languageAttr(str(ev.language)) },
          extLink(str(ev.url) || str(ev.canonical_url), str(ev.title) || '(untitled)', { 'data-testid': 'copy-link' })),
        el('td', { 'data-label': 'Published' }, timeEl(ev.published_at, false)),
        el('td', { 'data-label': 'Lag', 'data-testid': 'copy-lag' }, lag && lag.first ? 'first' : lag ? fmtLag(lag.lag_ms) : '—'),
        el('td', { 'data-label': 'Dedup', 'data-testid': 'copy-dedup' }, dedupText),
        el('td', { 'data-label': 'Language' }, languageEl(ev.language))));
    });
    section.appendChild(el('div', { class: 'table-wrap' }, el('table', { class: 'table copies-table' },
      el('thead', null, el('tr', null, ['Outlet', 'Title', 'Published', 'Lag', 'Dedup', 'Language'].map((h) => el('th', null, h)))),
      body)));
    return section;
  }

  function linkedPostsSection(posts) {
    return el('section', { class: 'block', 'data-testid': 'linked-posts' },
      el('h2', null, 'Linked posts'),
      el('ul', { class: 'plain-list' }, posts.map((p) => el('li', { 'data-testid': 'linked-post' },
        chip(str(p.platform) || 'post'), ' ',
        extLink(str(p.url), str(p.author) ? '@' + str(p.author).replace(/^@/, '') : str(p.url))))));
  }

  // --- Why these tags ---

  function evidenceKind(type) {
    const t = str(type).toLowerCase();
    if (t.startsWith('countr')) return 'country';
    if (t.startsWith('place')) return 'place';
    if (t.startsWith('person') || t.startsWith('people')) return 'person';
    if (t.startsWith('organi')) return 'organization';
    if (t.startsWith('topic')) return 'topic';
    return t;
  }

  function whyTagsSection(events, selectedCopy, onSelect) {
    const section = el('section', { class: 'block', 'data-testid': 'why-tags' }, el('h2', null, 'Why these tags'));
    if (!events.length) {
      section.appendChild(el('p', { class: 'empty' }, 'No copy, so no tags.'));
      return section;
    }
    const holder = el('div', { class: 'tag-holder' });
    const show = (i) => {
      onSelect(i);
      holder.replaceChildren(...tagGroups(events[i]));
    };
    if (events.length > 1) {
      const select = el('select', { id: 'tags-copy', 'data-testid': 'tags-copy' },
        events.map((ev, i) => el('option', { value: String(i), selected: i === selectedCopy },
          (i + 1) + '. ' + (siteName(ev) || 'unknown outlet') + ' — ' + (str(ev.title) || '(untitled)'))));
      select.addEventListener('change', () => show(Number(select.value) || 0));
      section.appendChild(el('p', { class: 'tags-copy' }, el('label', { for: 'tags-copy' }, 'Tags of copy '), select));
    }
    section.appendChild(holder);
    show(selectedCopy);
    return section;
  }

  function tagGroups(ev) {
    const tags = obj(ev.tags);
    const evidence = arr(tags.evidence).map(obj);
    const used = new Set();
    const fullText = str(ev.title) + '\n\n' + str(ev.text);
    const evidenceFor = (kind, values) => {
      const wanted = values.filter(Boolean).map((v) => v.toLowerCase());
      const found = [];
      evidence.forEach((e, i) => {
        if (evidenceKind(e.type) === kind && wanted.includes(str(e.value).toLowerCase())) {
          used.add(i);
          found.push(e);
        }
      });
      return found;
    };
    const topics = arr(tags.topics).map(obj);
    const topicLabel = new Map(topics.map((t) => [str(t.code), str(t.label)]));

    const groups = [
      tagGroup('countries', 'Countries', arr(tags.countries).map((c) => ({
        kind: 'country', value: str(c), name: [countryEl(c), displayName(regionNames, str(c)) ? ' ' + displayName(regionNames, str(c)) : null],
        evidence: evidenceFor('country', [str(c)]),
      })), fullText),
      tagGroup('places', 'Places', arr(tags.places).map(obj).map((p) => ({
        kind: 'place', value: str(p.id) || str(p.name),
        name: [str(p.name), el('span', { class: 'muted' }, [str(p.country) ? ' ' + str(p.country) : '', str(p.id) ? ' · GeoNames ' + str(p.id) : ''].join(''))],
        evidence: evidenceFor('place', [str(p.id), str(p.name)]),
      })), fullText),
      tagGroup('people', 'People', arr(tags.people).map((p) => ({
        kind: 'person', value: str(p), name: str(p), evidence: evidenceFor('person', [str(p)]),
      })), fullText),
      tagGroup('organizations', 'Organisations', arr(tags.organizations).map((o) => ({
        kind: 'organization', value: str(o), name: str(o), evidence: evidenceFor('organization', [str(o)]),
      })), fullText),
      tagGroup('topics', 'Topics', topics.map((t) => ({
        kind: 'topic', value: str(t.code),
        name: [str(t.label) || str(t.code), el('span', { class: 'muted' }, ' ' + topicDetail(t, topicLabel))],
        evidence: evidenceFor('topic', [str(t.code)]),
      })), fullText),
    ];
    const keywords = arr(tags.keywords);
    if (keywords.length) {
      groups.push(el('div', { class: 'tag-group', 'data-testid': 'tag-group-keywords' },
        el('h3', null, 'Keywords'), el('p', null, keywords.map((k) => chip(str(k))))));
    }
    const other = evidence.filter((e, i) => !used.has(i));
    if (other.length) {
      groups.push(el('div', { class: 'tag-group', 'data-testid': 'tag-group-other' },
        el('h3', null, 'Other evidence'),
        el('ul', { class: 'evidence-list' }, other.map((e) => evidenceItem(e, fullText, true)))));
    }
    if (!groups.some(Boolean)) return [el('p', { class: 'empty' }, 'This copy has no tags.')];
    return groups.filter(Boolean);
  }

  function topicDetail(t, labels) {
    const parts = [str(t.code)];
    const level = num(t.level);
    if (level !== null) parts.push('level ' + level);
    const parent = str(t.parent);
    if (parent) parts.push('parent ' + parent + (labels.get(parent) ? ' (' + labels.get(parent) + ')' : ''));
    const score = num(t.score);
    if (score) parts.push('score ' + (Math.round(score * 100) / 100));
    return parts.join(' · ');
  }

  function tagGroup(key, heading, items, fullText) {
    if (!items.length) return null;
    return el('div', { class: 'tag-group', 'data-testid': 'tag-group-' + key },
      el('h3', null, heading),
      el('ul', { class: 'tag-list' }, items.map((item) => el('li', {
        class: 'tag', 'data-testid': 'tag', 'data-tag-type': item.kind, 'data-tag-value': item.value,
      },
      el('div', { class: 'tag-name' }, item.name),
      item.evidence.length
        ? el('ul', { class: 'evidence-list' }, item.evidence.map((e) => evidenceItem(e, fullText, false)))
        : el('div', { class: 'muted small' }, 'no evidence recorded')))));
  }

  function evidenceItem(e, fullText, withType) {
    const surface = str(e.surface);
    const count = num(e.count);
    const offset = num(e.offset);
    const rule = str(e.rule);
    const line = [];
    if (withType) line.push(el('span', { class: 'muted' }, evidenceKind(e.type) + ' ' + str(e.value) + ': '));
    line.push(el('q', { class: 'surface' }, surface || str(e.value)));
    const facts = [];
    if (rule) facts.push('rule ' + rule);
    if (count !== null && count !== 1) facts.push(fmtInt(count) + ' times');
    if (offset !== null && offset >= 0) facts.push('first at character ' + fmtInt(offset));
    if (facts.length) line.push(el('span', { class: 'evidence-facts' }, ' — ' + facts.join(', ')));
    const context = evidenceContext(fullText, offset, surface);
    return el('li', { class: 'evidence', 'data-testid': 'evidence' }, el('div', null, line), context);
  }

  /** "…words before [surface] words after…" around the offset, when the offset falls in the text. */
  function evidenceContext(fullText, offset, surface) {
    if (offset === null || offset < 0 || offset >= fullText.length) return null;
    let length = 0;
    if (surface && fullText.substr(offset, surface.length).toLowerCase() === surface.toLowerCase()) {
      length = surface.length;
    } else {
      const m = /^[\p{L}\p{N}'’-]+/u.exec(fullText.slice(offset, offset + 80));
      length = m ? m[0].length : 0;
    }
    if (!length) return null;
    const start = Math.max(0, offset - 60);
    const end = Math.min(fullText.length, offset + length + 60);
    const squash = (s) => s.replace(/\s+/g, ' ');
    return el('div', { class: 'evidence-context', 'data-testid': 'evidence-context' },
      start > 0 ? '…' : '', squash(fullText.slice(start, offset)),
      el('mark', null, squash(fullText.slice(offset, offset + length))),
      squash(fullText.slice(offset + length, end)), end < fullText.length ? '…' : '');
  }

  // ------------------------------------------------------------------------------------------------------------
  // Search
  // ------------------------------------------------------------------------------------------------------------

  const PAGE_SIZE = 20;
  const FACETS = [
    { name: 'day', heading: 'Day', field: null },
    { name: 'language', heading: 'Language', field: 'lang' },
    { name: 'country', heading: 'Country', field: 'country' },
    { name: 'topic', heading: 'Topic', field: 'topic' },
    { name: 'source', heading: 'Source', field: 'source' },
  ];

  function searchView(root, ctx, params) {
    setTitle('Search');
    const query = params.get('q') || '';
    const page = Math.max(1, parseInt(params.get('page') || '1', 10) || 1);

    const input = el('input', {
      id: 'search-q', 'data-testid': 'search-q', type: 'search', name: 'q', value: query,
      placeholder: 'e.g. country:NE AND (attaque OR "état d\'urgence")', autocomplete: 'off', spellcheck: 'false',
      'aria-label': 'Query',
    });
    const form = el('form', { class: 'search-form', id: 'search-form', role: 'search' },
      input, el('button', { id: 'search-go', 'data-testid': 'search-go', type: 'submit', class: 'btn primary' }, 'Search'));
    const errorArea = el('div', { class: 'error-area', 'data-testid': 'search-error-area' });
    const results = el('div', { class: 'search-results' });
    const facets = el('aside', { class: 'facets', 'data-testid': 'facets' });
    root.appendChild(el('section', { class: 'page', 'data-testid': 'search-page' },
      el('header', { class: 'page-head' }, el('h1', null, 'Search')),
      form, errorArea, searchHelp(),
      el('div', { class: 'search-layout' }, results, facets)));

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const q = input.value.trim();
      const target = searchHref(q, 1);
      if (location.hash === target) route();
      else location.hash = target;
    });
    if (!query) input.focus();

    if (!query) {
      results.appendChild(el('p', { class: 'muted', 'data-testid': 'search-empty-query' }, 'Type a query to search every event.'));
      return {};
    }
    results.appendChild(loading());
    api('/api/search?q=' + encodeURIComponent(query) + '&page=' + page + '&size=' + PAGE_SIZE).then((data) => {
      if (!ctx.alive()) return;
      renderSearchResults(results, data, query, page);
      renderFacets(facets, obj(data.facets), query);
    }).catch((err) => {
      if (!ctx.alive()) return;
      results.replaceChildren();
      if (isQueryError(err)) {
        errorArea.appendChild(queryErrorBox(err.message, typeof err.data.query === 'string' ? err.data.query : query, err.data.position));
      } else {
        errorArea.appendChild(errorBox(err, 'search-error'));
      }
    });
    return {};
  }

  function searchHelp() {
    const code = (s) => el('code', null, s);
    return el('p', { class: 'help', 'data-testid': 'search-help' },
      'Words, ', code('"phrases"'), ', ', code('AND'), ' / ', code('OR'), ' / ', code('NOT'), ', ', code('( )'),
      '; fields ', joinNodes(['lang:fr', 'country:NE', 'topic:16000000', 'entity:"Wagner"', 'place:Niamey',
        'source:"Lomé Actu"', 'post:x'].map(code), ' '),
      '. Words match title and text, ignoring case and accents.');
  }

  function renderSearchResults(results, data, query, page) {
    const hits = arr(data.hits).map(obj);
    const total = num(data.total) || 0;
    const size = num(data.size) || PAGE_SIZE;
    const shownPage = num(data.page) || page;
    results.replaceChildren();
    if (!hits.length) {
      results.appendChild(page > 1 && total
        ? el('p', { class: 'empty', 'data-testid': 'search-no-hits' }, 'No more results: this query has ' + plural(total, 'hit') + '.')
        : el('p', { class: 'empty', 'data-testid': 'search-no-hits' }, 'No results for ', el('code', null, query), '.'));
      if (page > 1) results.appendChild(pager(query, page, size, total, 0));
      return;
    }
    const first = (shownPage - 1) * size + 1;
    results.appendChild(el('p', { class: 'search-count', 'data-testid': 'search-count' },
      fmtInt(first) + '–' + fmtInt(first + hits.length - 1) + ' of ' + fmtInt(total)));
    results.appendChild(el('ol', { class: 'hit-list', 'data-testid': 'search-hits' }, hits.map(searchHit)));
    results.appendChild(pager(query, shownPage, size, total, hits.length));
  }

  function searchHit(hit) {
    const storyId = str(hit.story_id) || str(hit.event_id);
    const countries = arr(hit.countries);
    const topics = topLevelTopics(hit.topics);
    return el('li', { class: 'hit', 'data-testid': 'search-hit', 'data-event-id': str(hit.event_id), 'data-story-id': storyId },
      el('div', { class: 'hit-title' },
        el('a', { href: storyHref(storyId), 'data-testid': 'search-hit-title', lang: languageAttr(str(hit.language)) }, str(hit.title) || '(untitled)'),
        ' ', extArrow(str(hit.url), 'search-hit-ext')),
      str(hit.snippet) ? el('p', { class: 'snippet', 'data-testid': 'search-hit-snippet', lang: languageAttr(str(hit.language)) }, str(hit.snippet)) : null,
      el('div', { class: 'hit-meta' }, dotList([
        el('span', { class: 'publisher', 'data-testid': 'search-hit-source' }, str(hit.source) || 'unknown outlet'),
        timeEl(hit.published_at, false, { 'data-testid': 'search-hit-date' }),
        str(hit.language) ? languageEl(hit.language) : null,
        countries.length ? el('span', null, joinNodes(countries.map(countryEl), ' ')) : null,
        topics.length ? el('span', null, topics.map((t) => chip(str(t.label) || str(t.code), { title: str(t.code) }))) : null,
      ])));
  }

  function pager(query, page, size, total, shown) {
    const hasPrev = page > 1;
    const hasNext = page * size < total && shown > 0;
    const link = (enabled, target, text, id) => enabled
      ? el('a', { href: searchHref(query, target), class: 'btn', id, 'data-testid': id, rel: id === 'search-prev' ? 'prev' : 'next' }, text)
      : el('span', { class: 'btn disabled', id, 'data-testid': id, 'aria-disabled': 'true' }, text);
    return el('nav', { class: 'pager', 'data-testid': 'pager', 'aria-label': 'Result pages' },
      link(hasPrev, page - 1, '← Previous', 'search-prev'),
      el('span', { class: 'muted' }, 'page ' + fmtInt(page) + ' of ' + fmtInt(Math.max(1, Math.ceil(total / size)))),
      link(hasNext, page + 1, 'Next →', 'search-next'));
  }

  /** A value as a query term: bare when it is one plain word, else in double quotes. */
  function queryValue(v) {
    const s = str(v);
    if (/^[\p{L}\p{N}_.-]+$/u.test(s)) return s;
    return '"' + s.replace(/"/g, ' ') + '"';
  }

  function addFilter(query, filter) {
    const q = query.trim();
    if (!q) return filter;
    return (/\bOR\b/.test(q) ? '(' + q + ')' : q) + ' AND ' + filter;
  }

  function renderFacets(container, facets, query) {
    container.replaceChildren();
    let any = false;
    for (const facet of FACETS) {
      const values = arr(facets[facet.name]).map(obj);
      if (!values.length) continue;
      any = true;
      const max = Math.max(1, ...values.map((v) => num(v.count) || 0));
      container.appendChild(el('section', { class: 'facet' },
        el('h3', null, facet.heading),
        el('ul', { class: 'facet-list', 'data-testid': 'facet-' + facet.name }, values.map((v) => {
          const value = str(v.value);
          const label = facet.name === 'topic' && str(v.label) ? str(v.label) : value;
          const content = [
            el('span', { class: 'facet-label' }, label),
            el('span', { class: 'facet-count' }, fmtInt(v.count)),
          ];
          if (facet.name === 'day') {
            content.push(el('span', { class: 'facet-bar', 'aria-hidden': 'true' },
              el('span', { class: 'facet-bar-fill w' + Math.round((num(v.count) || 0) / max * 10) })));
          }
          if (!facet.field) {
            return el('li', { class: 'facet-item static', 'data-testid': 'facet-item', 'data-value': value }, content);
          }
          const filter = facet.field + ':' + queryValue(value);
          return el('li', { class: 'facet-item', 'data-testid': 'facet-item', 'data-value': value },
            el('a', { href: searchHref(addFilter(query, filter), 1), title: 'Add ' + filter, 'data-filter': filter }, content));
        }))));
    }
    if (!any) container.appendChild(el('p', { class: 'muted' }, 'No facets.'));
  }

  // ------------------------------------------------------------------------------------------------------------
  // Saved queries
  // ------------------------------------------------------------------------------------------------------------

  const RULE_ID = /^[A-Za-z0-9_-]+$/;

  function isFileRule(rule) {
    return str(rule.source) === 'file';
  }

  function webhookCount(rule) {
    const w = unwrap(rule.webhooks);
    return Array.isArray(w) ? w.length : (num(w) || 0);
  }

  function rulesView(root, ctx) {
    setTitle('Saved queries');
    let rules = [];
    let editing = null; // id of the rule in the form, when editing

    const idInput = el('input', { id: 'rule-id', 'data-testid': 'rule-id', type: 'text', name: 'id', autocomplete: 'off',
      spellcheck: 'false', placeholder: 'niger-conflict', pattern: '[A-Za-z0-9_\\-]+', 'aria-describedby': 'rule-id-help' });
    const queryInput = el('input', { id: 'rule-query', 'data-testid': 'rule-query', type: 'text', name: 'query', autocomplete: 'off',
      spellcheck: 'false', placeholder: 'country:NE AND topic:16000000' });
    const enabledInput = el('input', { id: 'rule-enabled', 'data-testid': 'rule-enabled', type: 'checkbox', checked: true });
    const saveButton = el('button', { id: 'rule-save', 'data-testid': 'rule-save', type: 'submit', class: 'btn primary' }, 'Save');
    const cancelButton = el('button', { id: 'rule-cancel', 'data-testid': 'rule-cancel', type: 'button', class: 'btn', hidden: true }, 'Cancel');
    const errorArea = el('div', { class: 'error-area', 'data-testid': 'rule-error', id: 'rule-error', role: 'alert', hidden: true });
    const notice = el('div', { class: 'notice', 'data-testid': 'rule-notice', role: 'status' });
    const formTitle = el('h2', null, 'New saved query');
    const form = el('form', { class: 'rule-form', id: 'rule-form', 'data-testid': 'rule-form', novalidate: true },
      formTitle,
      el('div', { class: 'form-row' },
        el('label', { for: 'rule-id' }, 'Id'), idInput,
        el('label', { for: 'rule-query' }, 'Query'), queryInput),
      el('div', { class: 'form-row actions' },
        el('label', { class: 'check' }, enabledInput, ' enabled'),
        saveButton, cancelButton,
        el('span', { class: 'muted small', id: 'rule-id-help' }, 'Id: letters, digits, - and _. Saving an existing id replaces it.')),
      errorArea);
    const tableMessage = el('div', { class: 'list-message' });
    const body = el('tbody', { 'data-testid': 'rule-list' });
    const table = el('div', { class: 'table-wrap' }, el('table', { class: 'table rules-table' },
      el('thead', null, el('tr', null, ['Id', 'Query', 'State', 'Webhooks', 'Updated', 'Source', ''].map((h) => el('th', null, h)))),
      body));
    root.appendChild(el('section', { class: 'page', 'data-testid': 'rules-page' },
      el('header', { class: 'page-head' }, el('h1', null, 'Saved queries')),
      el('p', { class: 'muted' }, 'Each saved query runs on every new story; matches go to its webhooks and to ',
        el('code', null, 'media.alerts'), '. Rules from the rules file are read-only here.'),
      notice, tableMessage, table, form, searchHelp()));

    function showError(message, query, position) {
      errorArea.replaceChildren(position !== undefined && position !== null
        ? queryErrorBox(message, query, position)
        : el('div', { class: 'error' }, message));
      errorArea.hidden = false;
    }

    function clearError() {
      errorArea.replaceChildren();
      errorArea.hidden = true;
    }

    function say(text) {
      notice.replaceChildren(el('span', { 'data-testid': 'rule-saved' }, text));
      setTimeout(() => { if (notice.textContent === text) notice.replaceChildren(); }, 4000);
    }

    function resetForm() {
      editing = null;
      idInput.value = '';
      idInput.readOnly = false;
      queryInput.value = '';
      enabledInput.checked = true;
      formTitle.textContent = 'New saved query';
      cancelButton.hidden = true;
      clearError();
    }

    function startEdit(rule) {
      editing = str(rule.id);
      idInput.value = editing;
      idInput.readOnly = true;
      queryInput.value = str(rule.query);
      enabledInput.checked = rule.enabled !== false;
      formTitle.textContent = 'Edit saved query';
      cancelButton.hidden = false;
      clearError();
      form.scrollIntoView({ block: 'nearest' });
      queryInput.focus();
    }

    function upsertLocal(rule) {
      const id = str(rule.id);
      const i = rules.findIndex((r) => str(r.id) === id);
      if (i >= 0) rules[i] = Object.assign({}, rules[i], rule);
      else rules.push(rule);
      render();
    }

    function render() {
      body.replaceChildren();
      tableMessage.replaceChildren();
      table.hidden = rules.length === 0;
      if (!rules.length) {
        tableMessage.appendChild(el('p', { class: 'empty', 'data-testid': 'empty' },
          'No saved queries yet — add one below, or with ', el('code', null, 'mediamon alerts put-rule ID QUERY'), '.'));
        return;
      }
      const sorted = rules.slice().sort((a, b) => (str(a.id) < str(b.id) ? -1 : str(a.id) > str(b.id) ? 1 : 0));
      for (const rule of sorted) body.appendChild(ruleRow(rule));
    }

    function ruleRow(rule) {
      const id = str(rule.id);
      const enabled = rule.enabled !== false;
      const readOnly = isFileRule(rule);
      const actions = [el('a', { href: ruleHref(id), class: 'btn small', 'data-testid': 'rule-watch-link' }, 'Watch')];
      if (!readOnly) {
        actions.push(
          el('button', { type: 'button', class: 'btn small', 'data-testid': 'rule-toggle', onclick: () => toggle(rule) }, enabled ? 'Pause' : 'Resume'),
          el('button', { type: 'button', class: 'btn small', 'data-testid': 'rule-edit', onclick: () => startEdit(rule) }, 'Edit'),
          el('button', { type: 'button', class: 'btn small danger', 'data-testid': 'rule-delete', onclick: () => remove(rule) }, 'Delete'));
      }
      return el('tr', { 'data-testid': 'rule-row', 'data-rule-id': id, class: enabled ? null : 'paused' },
        el('td', { 'data-label': 'Id', class: 'rule-id' }, el('a', { href: ruleHref(id) }, id)),
        el('td', { 'data-label': 'Query' }, el('code', { class: 'rule-query', 'data-testid': 'rule-query-text' }, str(rule.query))),
        el('td', { 'data-label': 'State' }, el('span', { class: 'state ' + (enabled ? 'state-on' : 'state-off'), 'data-testid': 'rule-state' }, enabled ? 'enabled' : 'paused')),
        el('td', { 'data-label': 'Webhooks' }, webhookCount(rule) ? fmtInt(webhookCount(rule)) : el('span', { class: 'muted' }, 'none')),
        el('td', { 'data-label': 'Updated' }, timeEl(rule.updated_at, true), str(rule.updated_by) ? el('span', { class: 'muted' }, ' by ' + str(rule.updated_by)) : null),
        el('td', { 'data-label': 'Source' }, readOnly ? el('span', { class: 'badge', title: 'From the rules file: read-only', 'data-testid': 'rule-readonly' }, 'file') : str(rule.source) || 'topic'),
        el('td', { class: 'actions' }, actions));
    }

    async function put(id, query, enabled) {
      const data = await api('/api/rules/' + encodeURIComponent(id), { method: 'PUT', body: { query, enabled } });
      const rule = Object.assign({ id, query, enabled }, obj(data.rule));
      upsertLocal(rule);
      return rule;
    }

    function reportError(err, query) {
      if (isQueryError(err)) {
        showError(err.message, typeof err.data.query === 'string' ? err.data.query : query, err.data.position);
      } else {
        showError(err.message);
      }
    }

    async function toggle(rule) {
      clearError();
      try {
        await put(str(rule.id), str(rule.query), rule.enabled === false);
        say((rule.enabled === false ? 'Resumed ' : 'Paused ') + str(rule.id));
      } catch (err) {
        if (ctx.alive()) reportError(err, str(rule.query));
      }
    }

    async function remove(rule) {
      const id = str(rule.id);
      if (!window.confirm('Delete the saved query "' + id + '"?')) return;
      clearError();
      try {
        await api('/api/rules/' + encodeURIComponent(id), { method: 'DELETE' });
        if (!ctx.alive()) return;
        rules = rules.filter((r) => str(r.id) !== id);
        if (editing === id) resetForm();
        render();
        say('Deleted ' + id);
      } catch (err) {
        if (ctx.alive()) showError(err.message);
      }
    }

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearError();
      const id = idInput.value.trim();
      const query = queryInput.value.trim();
      if (!id) return showError('Give the saved query an id.');
      if (!RULE_ID.test(id)) return showError('The id may only hold letters, digits, - and _.');
      if (!query) return showError('Write a query.');
      const existing = rules.find((r) => str(r.id) === id);
      if (existing && isFileRule(existing)) return showError('"' + id + '" comes from the rules file and is read-only here.');
      saveButton.disabled = true;
      try {
        await put(id, query, enabledInput.checked);
        if (!ctx.alive()) return;
        resetForm();
        say('Saved ' + id);
      } catch (err) {
        if (ctx.alive()) reportError(err, query);
      } finally {
        saveButton.disabled = false;
      }
    });
    cancelButton.addEventListener('click', resetForm);

    tableMessage.appendChild(loading());
    table.hidden = true;
    api('/api/rules').then((data) => {
      if (!ctx.alive()) return;
      rules = arr(data.rules).map(obj);
      render();
    }).catch((err) => {
      if (!ctx.alive()) return;
      tableMessage.replaceChildren(errorBox(err));
    });
    return {};
  }

  // --- Watching a rule ---

  function watchView(root, ctx, ruleId) {
    setTitle('Watch ' + ruleId);
    const info = el('div', { class: 'watch-info' }, loading());
    const message = el('div', { class: 'list-message' });
    const list = el('ol', { class: 'match-list', 'data-testid': 'match-list' });
    root.appendChild(el('section', { class: 'page', 'data-testid': 'rule-watch', 'data-rule-id': ruleId },
      el('p', { class: 'crumbs' }, el('a', { href: '#/rules' }, '← Saved queries')),
      el('header', { class: 'page-head' }, el('h1', null, 'Watching ', el('span', { 'data-testid': 'watch-rule-id' }, ruleId))),
      info, el('h2', null, 'Matches'),
      el('p', { class: 'muted small' }, 'Newest first; new matches appear here as they arrive.'),
      message, list));

    let matches = (state.matches.get(ruleId) || []).slice();

    function render() {
      list.replaceChildren(...matches.map(matchRow));
      if (matches.length) message.replaceChildren();
      else message.replaceChildren(el('p', { class: 'empty', 'data-testid': 'empty' }, 'No matches yet.'));
    }

    function add(match, live) {
      matches = matches.filter((m) => !sameMatch(m, match));
      matches.push(match);
      matches.sort((a, b) => timeValue(b.created_at) - timeValue(a.created_at));
      if (matches.length > MAX_MATCHES_PER_RULE) matches.length = MAX_MATCHES_PER_RULE;
      if (!live) return;
      render();
      const row = Array.from(list.children).find((r) => r.getAttribute('data-match-key') === matchKey(match));
      if (row) flash(row);
    }

    render();
    api('/api/rules').then((data) => {
      if (!ctx.alive()) return;
      const rule = arr(data.rules).map(obj).find((r) => str(r.id) === ruleId);
      if (!rule) {
        info.replaceChildren(el('p', { class: 'error', 'data-testid': 'watch-missing' }, 'No saved query has the id ' + ruleId + '.'));
        return;
      }
      info.replaceChildren(el('p', null,
        el('code', { class: 'rule-query', 'data-testid': 'watch-query' }, str(rule.query)), ' ',
        el('span', { class: 'state ' + (rule.enabled !== false ? 'state-on' : 'state-off'), 'data-testid': 'rule-state' },
          rule.enabled !== false ? 'enabled' : 'paused')));
    }).catch((err) => {
      if (ctx.alive()) info.replaceChildren(errorBox(err));
    });
    api('/api/rules/' + encodeURIComponent(ruleId) + '/matches').then((data) => {
      if (!ctx.alive()) return;
      for (const m of arr(data.matches).map(obj)) add(m, false);
      render();
    }).catch((err) => {
      if (ctx.alive() && !(err instanceof ApiError && err.status === 404)) message.replaceChildren(errorBox(err));
    });

    return {
      onMatch: (match) => {
        if (str(match.rule_id) === ruleId) add(match, true);
      },
    };
  }

  function matchKey(m) {
    return str(m.alert_id) || str(m.rule_id) + ':' + str(m.story_id) + ':' + str(m.event_id);
  }

  function matchRow(m) {
    const storyId = str(m.story_id) || str(m.event_id);
    const terms = arr(m.matched_terms);
    return el('li', { class: 'match-row', 'data-testid': 'match-row', 'data-match-key': matchKey(m), 'data-story-id': storyId },
      el('div', { class: 'story-when' }, timeEl(m.created_at, true)),
      el('div', { class: 'story-main' },
        el('div', { class: 'story-title-line' },
          el('a', { href: storyHref(storyId), class: 'story-title', 'data-testid': 'match-title' }, str(m.title) || '(untitled)'),
          ' ', extArrow(str(m.url), 'match-ext')),
        el('div', { class: 'story-meta' }, dotList([
          str(m.source) ? el('span', { class: 'publisher' }, str(m.source)) : null,
          terms.length ? el('span', { 'data-testid': 'match-terms' }, 'matched ', terms.map((t) => chip(str(t), { class: 'chip chip-term' }))) : null,
          num(m.outlet_count) ? plural(m.outlet_count, 'outlet') : null,
        ]))));
  }

  // ------------------------------------------------------------------------------------------------------------
  // Operators
  // ------------------------------------------------------------------------------------------------------------

  const HIGH_LAG = 1000;

  function operatorsView(root, ctx) {
    setTitle('Operators');
    const refreshed = el('span', { class: 'muted', 'data-testid': 'status-refreshed' });
    const body = el('div', { class: 'operators' }, loading());
    root.appendChild(el('section', { class: 'page', 'data-testid': 'operators-page' },
      el('header', { class: 'page-head' }, el('h1', null, 'Operators'), refreshed), body));

    function render(status) {
      refreshed.replaceChildren('refreshed ', timeEl(status.refreshed_at, true));
      body.replaceChildren(topicsSection(status), groupsSection(status), deadLettersSection(status), feedsSection(status));
    }

    if (state.lastStatus) render(state.lastStatus);
    api('/api/status').then((status) => {
      if (!ctx.alive()) return;
      recordStatus(status);
      render(status);
    }).catch((err) => {
      if (!ctx.alive()) return;
      if (!state.lastStatus) body.replaceChildren(errorBox(err));
      else body.insertBefore(errorBox(err), body.firstChild);
    });
    return { onStatus: (status) => render(status) };
  }

  function opSection(title, testid, ...content) {
    return el('section', { class: 'block', 'data-testid': testid }, el('h2', null, title), ...content);
  }

  function simpleTable(headers, rows) {
    return el('div', { class: 'table-wrap' }, el('table', { class: 'table' },
      el('thead', null, el('tr', null, headers.map((h) => el('th', { class: h.num ? 'num' : null }, h.label || h)))),
      el('tbody', null, rows)));
  }

  function topicsSection(status) {
    const topics = arr(status.topics).map(obj);
    if (!topics.length) return opSection('Topics', 'status-topics', el('p', { class: 'empty' }, 'No topics.'));
    return opSection('Topics', 'status-topics', simpleTable(
      ['Topic', { label: 'End offset', num: true }, { label: 'Records/s', num: true }, 'Last ' + state.samples.length + ' samples'],
      topics.map((t) => el('tr', { 'data-testid': 'topic-row', 'data-topic': str(t.topic) },
        el('td', null, el('code', null, str(t.topic))),
        el('td', { class: 'num' }, fmtInt(t.end_offset)),
        el('td', { class: 'num' }, fmtRate(t.records_per_second)),
        el('td', null, sparkline(state.samples.map((s) => s.rates.get(str(t.topic)))))))));
  }

  function sparkline(values) {
    const width = 120;
    const height = 24;
    const pad = 2;
    const known = values.map((v) => (v === undefined || v === null ? null : v));
    const max = Math.max(0, ...known.filter((v) => v !== null));
    const n = known.length;
    const points = [];
    known.forEach((v, i) => {
      if (v === null) return;
      const x = n <= 1 ? width - pad : pad + (i * (width - 2 * pad)) / (n - 1);
      const y = height - pad - (max > 0 ? (v / max) * (height - 2 * pad) : 0);
      points.push(x.toFixed(1) + ',' + y.toFixed(1));
    });
    const last = known.length ? known[known.length - 1] : null;
    const label = 'records/s over the last ' + n + ' samples' + (max > 0 ? ', peak ' + fmtRate(max) : '');
    const svg = svgEl('svg', {
      class: 'spark', 'data-testid': 'sparkline', width: String(width), height: String(height),
      viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': label,
    }, svgEl('title', null, label),
    svgEl('line', { class: 'spark-base', x1: String(pad), y1: String(height - pad), x2: String(width - pad), y2: String(height - pad) }));
    if (points.length) svg.appendChild(svgEl('polyline', { class: 'spark-line', fill: 'none', points: points.join(' ') }));
    if (points.length && last !== null) {
      const [x, y] = points[points.length - 1].split(',');
      svg.appendChild(svgEl('circle', { class: 'spark-dot', cx: x, cy: y, r: '1.8' }));
    }
    return svg;
  }

  function groupsSection(status) {
    const groups = arr(status.groups).map(obj);
    if (!groups.length) return opSection('Consumer lag', 'status-groups', el('p', { class: 'empty' }, 'No consumer groups.'));
    return opSection('Consumer lag', 'status-groups', simpleTable(
      ['Group', 'Topic', { label: 'Lag', num: true }],
      groups.map((g) => {
        const lag = num(g.lag);
        const high = lag !== null && lag > HIGH_LAG;
        return el('tr', { 'data-testid': 'group-row', 'data-group': str(g.group), class: high ? 'lag-high' : null, 'data-lag-high': high ? 'true' : null },
          el('td', null, str(g.group)),
          el('td', null, el('code', null, str(g.topic))),
          el('td', { class: 'num', title: lag !== null && lag < 0 ? 'nothing committed yet' : null },
            lag !== null && lag < 0 ? 'not started' : fmtInt(lag)));
      })));
  }

  function deadLettersSection(status) {
    const dl = obj(status.dead_letters);
    const stages = arr(dl.by_stage).map(obj);
    return opSection('Dead letters', 'status-dlq',
      el('p', null, el('strong', { 'data-testid': 'dlq-total' }, fmtInt(dl.total || 0)), ' on ', el('code', null, 'media.dlq')),
      stages.length ? simpleTable(
        ['Stage', { label: 'Count', num: true }, 'Latest reason', 'Latest', 'Origin'],
        stages.map((s) => el('tr', { 'data-testid': 'dlq-stage', 'data-stage': str(s.stage) },
          el('td', null, el('code', null, str(s.stage))),
          el('td', { class: 'num' }, fmtInt(s.count)),
          el('td', { class: 'reason' }, str(s.latest_reason) || '—'),
          el('td', null, timeEl(s.latest_at, true)),
          el('td', { class: 'origin' }, str(s.latest_origin) || '—')))) : el('p', { class: 'empty' }, 'No dead letters.'));
  }

  function feedsSection(status) {
    const feeds = obj(status.feeds);
    const failing = arr(feeds.failing).map(obj);
    const stale = arr(feeds.stale).map(obj);
    const staleCount = Math.max(stale.length, Number(feeds.stale_count) || 0);
    return opSection('Feeds', 'status-feeds',
      el('p', null, plural(feeds.total || 0, 'feed'), ' polled · ',
        el('span', { class: failing.length ? 'bad' : null }, fmtInt(failing.length) + ' failing'), ' · ',
        el('span', { class: staleCount ? 'warn' : null }, fmtInt(staleCount) + ' stale')),
      failing.length ? el('div', null, el('h3', null, 'Failing'), simpleTable(['Feed', 'Last error', 'Failures'],
        failing.map((f) => el('tr', { 'data-testid': 'feed-failing', class: 'bad-row' },
          el('td', { class: 'url' }, extLink(str(f.feed_url), str(f.feed_url))),
          el('td', { class: 'reason' }, str(f.last_error) || '—'),
          el('td', null, fmtInt(f.failures || 0)))))) : null,
      stale.length ? el('div', null, el('h3', null, 'Stale'), simpleTable(['Feed', 'Last polled'],
        stale.map((f) => el('tr', { 'data-testid': 'feed-stale' },
          el('td', { class: 'url' }, extLink(str(f.feed_url), str(f.feed_url))),
          el('td', null, timeEl(f.last_polled_at, true)))))) : null);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Start
  // ------------------------------------------------------------------------------------------------------------

  function start() {
    if (!location.hash) history.replaceState(null, '', '#/stories');
    window.addEventListener('hashchange', route);
    setLive(false);
    route();
    connectStream();
    setInterval(refreshRelativeTimes, 30000);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
