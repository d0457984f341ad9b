// Building blocks of every view: elements from data (never HTML from data), times, JSON and status badges.

/**
 * Creates an element. `props` sets attributes, except: `class`, `text` (textContent), `on<event>` (listeners),
 * `dataset`, `value` (set last, once a select has its options) and boolean `true`/`false` (present/absent).
 * Children may be nodes, strings, numbers, arrays or null.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  const { value: initial, ...rest } = props ?? {};
  for (const [name, value] of Object.entries(rest)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  if (initial !== undefined && initial !== null) element.value = initial;
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A titled card; `actions` sit on the title's line. */
export function section(title, body, { actions, id, className } = {}) {
  return h('section', { class: className ? `card ${className}` : 'card', id },
    h('div', { class: 'card-head' }, h('h2', { text: title }), actions ? h('div', { class: 'card-actions' }, actions) : null),
    body);
}

/** A key-value list. `rows` is [[label, value], ...]; rows whose value is undefined are left out. */
export function facts(rows) {
  return h('dl', { class: 'facts' },
    rows.filter(([, value]) => value !== undefined).map(([label, value]) => [h('dt', { text: label }), h('dd', {}, value ?? '—')]));
}

/** A message in a box: kind is info, ok, warn or error. */
export function notice(kind, title, detail) {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('strong', { text: title }), detail ? h('span', {}, ' ', detail) : null);
}

/** A JSON value, pretty-printed; null and undefined read as such. */
export function json(value, { className } = {}) {
  const text = value === undefined ? 'undefined' : JSON.stringify(value, null, 2);
  return h('pre', { class: className ? `json ${className}` : 'json', text });
}

/** A <time> that shows the local time and keeps the exact instant in its title. */
export function time(iso, { relative = false } = {}) {
  if (!iso) return h('span', { class: 'muted', text: '—' });
  const date = new Date(iso);
  return h('time', { datetime: date.toISOString(), title: date.toISOString() },
    relative ? fromNow(date) : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }));
}

/** "in 3 min", "12 s ago". */
export function fromNow(date, now = Date.now()) {
  const ms = new Date(date).getTime() - now;
  const text = duration(Math.abs(ms));
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

/** A duration in the largest sensible unit: 850 ms, 4.2 s, 3 min 5 s, 2 h 10 min, 3 d 4 h. */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const units = [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]];
  const parts = [];
  let rest = Math.round(s);
  for (const [unit, size] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    } else if (parts.length) {
      break;
    }
  }
  return parts.join(' ');
}

/** The colour-coded runtime status; a running execution that waits for input says so. */
export function statusBadge(status, { waiting = false } = {}) {
  const label = waiting && status === 'Running' ? 'Waiting for input' : status;
  const kind = waiting && status === 'Running' ? 'waiting' : String(status).toLowerCase();
  return h('span', { class: `badge badge-${kind}`, dataset: { status: label } }, label);
}

/** Statuses after which nothing more happens. */
export const terminalStatuses = new Set(['Completed', 'Failed', 'Terminated']);

/** A link the router follows without reloading the page. */
export function link(href, text, props = {}) {
  return h('a', { href, ...props }, text);
}

/** A button that stays disabled while its action runs, so one click sends one request. */
export function button(label, action, props = {}) {
  const element = h('button', { type: 'button', ...props }, label);
  element.addEventListener('click', async () => {
    element.disabled = true;
    try {
      await action(element);
    } finally {
      if (element.isConnected) element.disabled = false;
    }
  });
  return element;
}

/** A destructive button that asks for a second click within five seconds. */
export function confirmButton(label, action) {
  let armed = null;
  const element = button(label, async () => {
    if (!armed) {
      element.textContent = `Confirm ${label.toLowerCase()}`;
      element.classList.add('armed');
      armed = setTimeout(() => {
        armed = null;
        element.textContent = label;
        element.classList.remove('armed');
      }, 5000);
      return;
    }
    clearTimeout(armed);
    armed = null;
    await action();
  }, { class: 'danger', dataset: { action: label.toLowerCase() } });
  return element;
}

/** A labelled form control. */
export function field(label, control, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control, hint ? h('small', { class: 'hint', text: hint }) : null);
}

/** Reads JSON typed by a person: `{ value }` (undefined when the text is blank), or `{ error }` with the parser's word. */
export function readJson(text) {
  if (!text.trim()) return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: error.message };
  }
}

/** A <input type="datetime-local"> value as an ISO instant, or undefined. */
export function isoFromLocal(value) {
  return value ? new Date(value).toISOString() : undefined;
}

/** An ISO instant as a <input type="datetime-local"> value. */
export function localFromIso(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
