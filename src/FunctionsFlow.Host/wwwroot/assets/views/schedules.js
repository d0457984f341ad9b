// The caller's schedules: what each runs and when it runs next, with pause, resume and delete; a new one from JSON.
import { apiPath, del, describe, get, post } from '../api.js';
import { button, confirmButton, fill, fromNow, h, notice, readJson, section, time } from '../dom.js';
import { live } from '../live.js';
import { navigate } from '../router.js';
import { problemNotice } from './problems.js';

export function mountSchedules(container) {
  const body = h('tbody');
  const message = h('div', { class: 'messages' });
  const refresher = live(load, { interval: 5000 });

  fill(container,
    h('div', { class: 'page-head' }, h('h1', { text: 'Schedules' }), h('div', { class: 'page-actions' }, refresher.toggle)),
    message,
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid schedules' },
      h('thead', {}, h('tr', {}, ['Schedule', 'Workflow', 'When', 'Status', 'Next run', 'Policies', ''].map((c) => h('th', { scope: 'col', text: c })))),
      body)),
    newSchedule());

  async function load() {
    const answer = await get('/api/schedules', { top: 1000 });
    if (!answer.ok) {
      fill(message, notice('error', 'Could not list the schedules.', describe(answer)));
      return;
    }
    fill(message);
    fill(body, answer.data.items.length
      ? answer.data.items.map((schedule) => h('tr', { dataset: { id: schedule.id } },
        h('td', {}, h('a', { href: `/schedules/${encodeURIComponent(schedule.id)}`, class: 'mono', text: schedule.id })),
        h('td', {}, h('a', { href: `/workflows/${encodeURIComponent(schedule.workflowId)}`, text: schedule.workflowId })),
        h('td', { text: describeTrigger(schedule) }),
        h('td', {}, scheduleBadge(schedule.status)),
        h('td', {}, nextRun(schedule)),
        h('td', { class: 'muted small', text: `overlap ${schedule.overlap} · catch-up ${schedule.catchUp}` }),
        h('td', { class: 'row-actions' }, scheduleActions(schedule, (text) => fill(message, text), () => refresher.now()))))
      : h('tr', {}, h('td', { colSpan: 7, class: 'empty', text: 'No schedules yet.' })));
  }

  return () => refresher.stop();
}

/** How a schedule triggers, in words: every PT1M, cron with its time zone, once at a time. */
export function describeTrigger(schedule) {
  if (schedule.cron) return `cron ${schedule.cron.expression} (${schedule.cron.timeZone})`;
  if (schedule.interval) return `every ${schedule.interval.every}${schedule.interval.startAt ? ` from ${new Date(schedule.interval.startAt).toLocaleString()}` : ''}`;
  if (schedule.once) return `once at ${new Date(schedule.once.at).toLocaleString()}`;
  return '—';
}

export function scheduleBadge(status) {
  const kinds = { Active: 'running', Paused: 'suspended', Completed: 'completed' };
  return h('span', { class: `badge badge-${kinds[status] ?? 'pending'}`, text: status });
}

export function nextRun(schedule) {
  if (!schedule.nextRunAt) return h('span', { class: 'muted', text: 'none' });
  return [time(schedule.nextRunAt), h('div', { class: 'muted small', text: fromNow(schedule.nextRunAt) })];
}

/** Pause or resume, and delete; `say` shows what went wrong, `changed` reloads. */
export function scheduleActions(schedule, say, changed, { afterDelete = changed } = {}) {
  const base = apiPath('schedules', schedule.id);
  const toggle = schedule.status === 'Completed' ? null : button(schedule.status === 'Paused' ? 'Resume' : 'Pause', async () => {
    const answer = await post(`${base}/${schedule.status === 'Paused' ? 'resume' : 'pause'}`);
    if (answer.ok) changed();
    else say(problemNotice('Not changed.', answer));
  }, { class: 'secondary small' });
  const remove = confirmButton('Delete', async () => {
    const answer = await del(base);
    if (answer.status === 204) afterDelete();
    else say(problemNotice('Not deleted.', answer));
  });
  remove.classList.add('small');
  return [toggle, remove];
}

const example = {
  id: 'every-five-minutes',
  workflowId: 'scheduled-tick',
  input: null,
  interval: { every: 'PT5M' },
  overlap: 'Skip',
  catchUp: 'Latest',
};

function newSchedule() {
  const source = h('textarea', { name: 'schedule', class: 'code', rows: 9, spellcheck: false, value: JSON.stringify(example, null, 2) });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'stack' },
    h('p', { class: 'muted small', text: 'One of once {at}, interval {every, startAt} or cron {expression, timeZone}; overlap Skip, Allow or BufferOne; catch-up None, Latest or All.' }),
    source,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: 'Create schedule' })),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { value, error } = readJson(source.value);
    if (error) {
      fill(result, notice('error', 'Not created.', `The schedule is not JSON: ${error}`));
      return;
    }
    const answer = await post('/api/schedules', value ?? null);
    if (answer.status === 201) navigate(`/schedules/${encodeURIComponent(answer.data.id)}`);
    else fill(result, problemNotice('Not created.', answer));
  });
  return section('New schedule', h('details', {}, h('summary', { text: 'Create a schedule' }), form), { id: 'new-schedule' });
}
