// One schedule: its trigger and policies, its next run and its recent runs (newest first) with their executions.
import { apiPath, describe, get } from '../api.js';
import { facts, fill, h, json, notice, section, statusBadge, time } from '../dom.js';
import { live } from '../live.js';
import { navigate } from '../router.js';
import { describeTrigger, nextRun, scheduleActions, scheduleBadge } from './schedules.js';

export function mountSchedule(container, { id }) {
  const said = h('div', { class: 'messages' });
  const content = h('div');
  const refresher = live(load, { interval: 5000 });
  fill(container,
    h('p', { class: 'crumbs' }, h('a', { href: '/schedules', text: 'Schedules' }), ' / ', h('span', { class: 'mono', text: id })),
    h('div', { class: 'page-head' }, h('h1', { class: 'mono', text: id }), h('div', { class: 'page-actions' }, refresher.toggle)),
    said,
    content);

  async function load() {
    const answer = await get(apiPath('schedules', id));
    if (!answer.ok) {
      fill(content, notice(answer.status === 404 ? 'warn' : 'error', answer.status === 404 ? 'No such schedule.' : 'Could not read the schedule.', describe(answer)));
      return;
    }

    const schedule = answer.data;
    fill(content,
      h('div', { class: 'toolbar' }, scheduleActions(schedule, (node) => fill(said, node), () => refresher.now(), { afterDelete: () => navigate('/schedules') })),
      facts([
        ['Workflow', h('a', { href: `/workflows/${encodeURIComponent(schedule.workflowId)}`, text: schedule.workflowId })],
        ['When', describeTrigger(schedule)],
        ['Status', scheduleBadge(schedule.status)],
        ['Next run', nextRun(schedule)],
        ['Overlap', schedule.overlap],
        ['Catch-up', `${schedule.catchUp} (window ${schedule.catchUpWindow})`],
        ['Input', schedule.input === null ? 'none' : json(schedule.input, { className: 'inline' })],
        ['Created', time(schedule.createdAt)],
        ['Updated', time(schedule.updatedAt)],
      ]),
      section('Recent runs', runs(schedule.recentRuns ?? []), { id: 'recent-runs' }));
  }

  return () => refresher.stop();
}

function runs(items) {
  if (!items.length) return h('p', { class: 'muted', text: 'No runs yet.' });
  return h('table', { class: 'grid compact' },
    h('thead', {}, h('tr', {}, ['Due', 'Outcome', 'Execution', 'Started', 'Detail'].map((c) => h('th', { scope: 'col', text: c })))),
    h('tbody', {}, items.map((run) => h('tr', {},
      h('td', {}, time(run.dueAt)),
      h('td', { text: run.outcome }),
      h('td', {}, run.executionId
        ? [h('a', { href: `/executions/${encodeURIComponent(run.executionId)}`, class: 'mono small', text: run.executionId }), ' ', run.executionStatus ? statusBadge(run.executionStatus) : null]
        : '—'),
      h('td', {}, time(run.startedAt)),
      h('td', { class: 'muted small', text: run.detail ?? '' })))));
}
