// Health: liveness, the heartbeat, counts by status, alerts, and the emergency switch (admins) that stops new starts
// and step dispatch until it is lifted. A host without GET /api/health or /api/admin/emergency is said to lack them.
import { describe, get, request } from '../api.js';
import { button, duration, facts, fill, fromNow, h, notice, section, time } from '../dom.js';
import { live } from '../live.js';
import { problemNotice } from './problems.js';

const countLabels = [
  ['pending', 'Pending'], ['running', 'Running'], ['suspended', 'Suspended'], ['waitingForInput', 'Waiting for input'],
  ['completed24h', 'Completed (24 h)'], ['failed24h', 'Failed (24 h)'],
];

export function mountHealth(container) {
  const liveness = h('div');
  const report = h('div');
  const emergency = h('div');
  const refresher = live(load, { interval: 5000 });
  fill(container,
    h('div', { class: 'page-head' }, h('h1', { text: 'Health' }), h('div', { class: 'page-actions' }, refresher.toggle)),
    liveness,
    report,
    section('Emergency switch', emergency, { id: 'emergency' }));

  async function load() {
    const [alive, health, me] = await Promise.all([get('/api/health/live'), get('/api/health'), get('/api/me')]);
    fill(liveness, alive.ok
      ? notice('ok', 'The host answers.', ['Process alive at ', time(alive.data.time)])
      : notice('error', 'The host does not answer its liveness probe.', describe(alive)));

    if (health.status === 404) {
      fill(report, notice('info', 'Health is not available on this host.', 'GET /api/health answered 404: this version of the host does not report health yet.'));
      fill(emergency, emergencyPanel(null, me.data?.isAdmin));
      return;
    }
    if (!health.ok) {
      fill(report, notice('error', 'Could not read the health report.', describe(health)));
      return;
    }

    fill(report, healthReport(health.data));
    fill(emergency, emergencyPanel(health.data.emergency ?? { active: false }, me.data?.isAdmin));
  }

  /** The switch: on with a reason, off again. `state` null when the report is missing (the switch may still exist). */
  function emergencyPanel(state, isAdmin) {
    const reason = h('input', { name: 'emergencyReason', placeholder: 'why (shown to everyone)', 'aria-label': 'Reason' });
    const result = h('div', { 'aria-live': 'polite' });
    const act = async (method) => {
      const answer = await request(method, '/api/admin/emergency', method === 'POST' ? { body: { reason: reason.value } } : {});
      if (answer.ok) {
        fill(result, notice('ok', method === 'POST' ? 'Emergency mode is on.' : 'Emergency mode is lifted.'));
        refresher.now();
      } else if (answer.status === 404 || answer.status === 405) {
        fill(result, notice('info', 'The emergency switch is not available on this host.', `${method} /api/admin/emergency answered ${answer.status}.`));
      } else if (answer.status === 403) {
        fill(result, notice('warn', '403 Forbidden:', 'the emergency switch needs the admin role.'));
      } else {
        fill(result, problemNotice('Not switched.', answer));
      }
    };

    return h('div', { class: 'stack' },
      state?.active
        ? notice('error', 'Emergency mode is ON: new starts answer 503 and no step is dispatched.',
          [state.reason ? `Reason: ${state.reason}. ` : '', state.since ? ['Since ', time(state.since), state.by ? `, set by ${state.by}.` : '.'] : ''])
        : state ? notice('ok', 'Emergency mode is off.', 'Starts and steps run normally.') : null,
      isAdmin ? null : h('p', { class: 'muted small', text: 'Only callers with the admin role may switch it.' }),
      h('div', { class: 'toolbar' },
        state?.active ? null : reason,
        state?.active ? null : button('Stop everything', () => act('POST'), { class: 'danger', disabled: !isAdmin, dataset: { action: 'emergency-on' } }),
        state?.active === false ? null : button('Lift emergency mode', () => act('DELETE'), { class: 'secondary', disabled: !isAdmin, dataset: { action: 'emergency-off' } })),
      result);
  }

  return () => refresher.stop();
}

function healthReport(health) {
  const kinds = { Healthy: 'completed', Degraded: 'suspended', Unhealthy: 'failed' };
  const counts = health.counts ?? {};
  const alerts = health.alerts ?? [];
  return h('div', {},
    section('Status', [
      h('p', {}, h('span', { class: `badge big badge-${kinds[health.status] ?? 'pending'}`, dataset: { status: health.status }, text: health.status })),
      facts([
        ['Last heartbeat', health.lastHeartbeat ? [time(health.lastHeartbeat), ` (${fromNow(health.lastHeartbeat)})`] : 'never'],
        ['Average duration', health.averageDurationMs === null || health.averageDurationMs === undefined ? '—' : duration(health.averageDurationMs)],
      ]),
    ], { id: 'health-status' }),
    section('Executions', [
      h('div', { class: 'counts' }, countLabels.map(([key, label]) =>
        h('div', { class: `count count-${key}`, dataset: { count: key } }, h('span', { class: 'count-value', text: String(counts[key] ?? 0) }), h('span', { class: 'count-label', text: label })))),
      health.countsComplete === false ? h('p', { class: 'muted small', text: 'The last heartbeat did not count every execution: the numbers are a lower bound.' }) : null,
    ], { id: 'counts' }),
    section(`Alerts (${alerts.length})`, alerts.length
      ? h('ul', { class: 'alerts' }, alerts.map((alert) => h('li', { class: `alert alert-${String(alert.level).toLowerCase()}` },
        h('span', { class: 'alert-level', text: alert.level }), h('span', { class: 'alert-category', text: alert.category }), h('span', { text: alert.message }))))
      : h('p', { class: 'muted', text: 'No alerts.' }), { id: 'alerts' }));
}
