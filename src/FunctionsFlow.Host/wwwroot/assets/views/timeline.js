// An execution's timeline: its step runs (what a declarative workflow did) and its history events (what the engine
// recorded), in time order, each with a bar placing it within the run and its details on demand.
import { duration, h, json } from '../dom.js';

const stepStatusKinds = {
  Running: 'running', Waiting: 'waiting', Succeeded: 'completed', Failed: 'failed', Skipped: 'suspended', TimedOut: 'failed',
};

/** `steps` and `history` as the API lists them; `span` is `{ start, end }` of the run (Dates). */
export function timeline(steps, history, span) {
  const items = [
    ...history.map((event) => ({ kind: 'event', at: Date.parse(event.timestamp), item: event })),
    ...steps.map((step) => ({ kind: 'step', at: Date.parse(step.startedAt), item: step })),
  ].sort((a, b) => a.at - b.at); // stable: at the same instant, events before steps, each in its own order

  const list = h('ol', { class: 'timeline', 'aria-label': 'Timeline' },
    items.map(({ kind, item }) => (kind === 'step' ? stepItem(item, span) : eventItem(item))));

  let shown = 'all';
  const filter = (which, label, count) => h('button', {
    type: 'button',
    class: which === shown ? 'chip active' : 'chip',
    'aria-pressed': String(which === shown),
    dataset: { show: which },
    onclick: (event) => {
      shown = which;
      list.dataset.show = which;
      for (const chip of event.target.parentElement.children) {
        chip.classList.toggle('active', chip.dataset.show === which);
        chip.setAttribute('aria-pressed', String(chip.dataset.show === which));
      }
    },
  }, `${label} (${count})`);

  return h('div', { class: 'timeline-wrap' },
    h('div', { class: 'chips', role: 'group', 'aria-label': 'Show' },
      filter('all', 'All', items.length), filter('step', 'Steps', steps.length), filter('event', 'History events', history.length)),
    items.length ? list : h('p', { class: 'muted', text: 'Nothing has happened yet.' }));
}

function stepItem(step, span) {
  const started = new Date(step.startedAt);
  const ended = step.completedAt ? new Date(step.completedAt) : null;
  const took = (ended ?? new Date()) - started;
  const meta = [
    step.iteration !== null && step.iteration !== undefined ? `iteration ${step.iteration}` : null,
    ended ? duration(took) : `for ${duration(took)}`,
    step.attempts > 1 ? `${step.attempts} attempts` : null,
  ].filter(Boolean).join(' · ');

  const details = [
    ['Input', step.input], ['Output', step.output], ['Variables changed', step.varsChanged],
  ].filter(([, value]) => value !== null && value !== undefined);

  return h('li', { class: `tl-item tl-step tl-${stepStatusKinds[step.status] ?? 'running'}`, dataset: { kind: 'step', step: step.stepId, status: step.status } },
    h('span', { class: 'tl-time', text: clock(step.startedAt) }),
    h('span', { class: 'tl-dot', 'aria-hidden': 'true' }),
    h('div', { class: 'tl-body' },
      h('div', { class: 'tl-title' },
        h('strong', { class: 'mono', text: step.stepId }),
        h('span', { class: 'kind', text: step.kind }),
        h('span', { class: `badge badge-${stepStatusKinds[step.status] ?? 'running'}`, text: step.status }),
        h('span', { class: 'muted small', text: meta })),
      bar(started, ended, span),
      step.error ? h('div', { class: 'tl-error', text: step.error }) : null,
      details.length ? h('details', {}, h('summary', { text: 'Details' }), details.map(([label, value]) => [h('h4', { text: label }), json(value)])) : null));
}

function eventItem(event) {
  const { eventType, timestamp, ...rest } = event.details ?? {};
  const shown = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== null && !(Array.isArray(value) && !value.length)));
  return h('li', { class: `tl-item tl-event tl-${eventTone(event.eventType)}`, dataset: { kind: 'event', event: event.eventType } },
    h('span', { class: 'tl-time', text: clock(event.timestamp) }),
    h('span', { class: 'tl-dot', 'aria-hidden': 'true' }),
    h('div', { class: 'tl-body' },
      h('div', { class: 'tl-title' },
        h('span', { class: 'event-type', text: event.eventType }),
        event.name ? h('span', { class: 'mono muted', text: event.name }) : null,
        h('span', { class: 'muted small', text: `#${event.eventId}` })),
      Object.keys(shown).length ? h('details', {}, h('summary', { text: 'Details' }), json(shown)) : null));
}

function eventTone(type) {
  if (/Failed|Terminated/.test(type)) return 'failed';
  if (/Completed|Fired/.test(type)) return 'completed';
  if (/Suspended|Created/.test(type)) return 'waiting';
  if (type === 'OrchestratorStarted') return 'quiet';
  return 'running';
}

/** Where a step ran within the whole run, as a bar. */
function bar(started, ended, span) {
  const total = Math.max(span.end - span.start, 1);
  const left = Math.min(Math.max((started - span.start) / total, 0), 1);
  const right = Math.min(Math.max(((ended ?? span.end) - span.start) / total, left), 1);
  const fill = h('span', { class: ended ? 'tl-bar-fill' : 'tl-bar-fill open' });
  fill.style.left = `${(left * 100).toFixed(2)}%`;
  fill.style.width = `max(3px, ${((right - left) * 100).toFixed(2)}%)`;
  return h('div', { class: 'tl-bar', 'aria-hidden': 'true' }, fill);
}

/** The time of day with milliseconds (the timeline's events are often within one second). */
function clock(iso) {
  const date = new Date(iso);
  return `${date.toLocaleTimeString(undefined, { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}
