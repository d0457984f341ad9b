// One execution: status, input and output, the inputs it waits for (with their resume forms), the operator's
// controls, a timeline of its steps and history events, its variables and its checkpoints. Refreshed live.
import { apiPath, del, describe, get, post } from '../api.js';
import { button, confirmButton, duration, facts, fill, h, json, notice, readJson, section, statusBadge, terminalStatuses, time } from '../dom.js';
import { live } from '../live.js';
import { navigate } from '../router.js';
import { checkpointList } from './checkpoints.js';
import { timeline } from './timeline.js';
import { runVariables } from './variables.js';
import { waitCards } from './waits.js';

export function mountExecution(container, { id }) {
  const base = apiPath('executions', id);
  let last = null;

  const heading = h('div', { class: 'page-head' });
  const said = h('div', { class: 'messages', 'aria-live': 'polite' });
  const summary = h('div');
  const controls = h('div');
  const waits = waitCards(id, () => refresher.now());
  const waitSection = section('Waiting for input', waits.element, { id: 'waiting', className: 'attention' });
  const io = h('div', { class: 'columns' });
  const timelineBox = h('div');
  const variablesBox = h('div');
  const checkpointsBox = h('div');
  waitSection.hidden = true;

  fill(container,
    h('p', { class: 'crumbs' }, h('a', { href: '/', text: 'Executions' }), ' / ', h('span', { class: 'mono', text: id })),
    heading,
    said,
    summary,
    controls,
    waitSection,
    io,
    section('Timeline', timelineBox, { id: 'timeline' }),
    h('div', { class: 'columns' },
      section('Variables', variablesBox, { id: 'variables' }),
      section('Checkpoints', checkpointsBox, { id: 'checkpoints' })));

  const say = (kind, title, detail) => fill(said, notice(kind, title, detail));

  async function refresh() {
    const answer = await get(base);
    if (answer.status === 404) {
      fill(heading, h('h1', { class: 'mono', text: id }));
      say('warn', 'No such execution.', answer.problem?.detail ?? 'It does not exist, was purged, or is not yours.');
      return;
    }
    if (!answer.ok) {
      say('error', 'Could not read the execution.', describe(answer));
      return;
    }

    const status = answer.data;
    fill(heading, h('h1', {}, h('span', { class: 'mono', text: status.id }), ' ', statusBadge(status.runtimeStatus, { waiting: status.waitingFor.length > 0 })), refresher.toggle);
    const { open, shown } = waits.update(status.waitingFor);
    waitSection.hidden = shown === 0;
    waitSection.querySelector('h2').textContent = open ? 'Waiting for input' : 'Input sent';

    const changed = !last || last.lastUpdatedAt !== status.lastUpdatedAt || last.runtimeStatus !== status.runtimeStatus;
    last = status;
    fill(summary, overview(status));
    if (!changed) return;

    fill(controls, actions(status));
    fill(io, inputOutput(status));
    const [steps, history, checkpoints] = await Promise.all([get(`${base}/steps`), get(`${base}/history`), get(`${base}/checkpoints`)]);
    const end = terminalStatuses.has(status.runtimeStatus) ? new Date(status.lastUpdatedAt) : new Date();
    fill(timelineBox, steps.ok && history.ok
      ? timeline(steps.data.items, history.data.items, { start: new Date(status.createdAt), end })
      : notice('error', 'Could not read the timeline.', describe(steps.ok ? history : steps)));
    fill(variablesBox, runVariables(steps.ok ? steps.data.items : [], status.workflowId));
    fill(checkpointsBox, checkpoints.ok
      ? checkpointList(base, checkpoints.data.items, { canRestart: terminalStatuses.has(status.runtimeStatus), onRestarted: (newId) => navigate(`/executions/${encodeURIComponent(newId)}`) })
      : notice('error', 'Could not list the checkpoints.', describe(checkpoints)));
  }

  /** The operator's controls for the status the execution is in, with an optional reason. */
  function actions(status) {
    const reason = h('input', { name: 'reason', placeholder: 'reason (optional)', 'aria-label': 'Reason' });
    const steer = (verb, label) => button(label, async () => report(label, await steerWith(verb, reason.value)), { class: 'secondary', dataset: { action: verb } });

    const terminal = terminalStatuses.has(status.runtimeStatus);
    const buttons = terminal
      ? [
        button('Restart', async () => {
          const answer = await post(`${base}/restart`);
          if (answer.status === 202) navigate(`/executions/${encodeURIComponent(answer.data.id)}`);
          else report('Restart', answer);
        }, { class: 'secondary', dataset: { action: 'restart' } }),
        confirmButton('Purge', async () => {
          const answer = await del(base);
          if (answer.status === 204) navigate('/');
          else report('Purge', answer);
        }),
      ]
      : [
        status.runtimeStatus === 'Suspended' ? steer('resume', 'Resume') : steer('suspend', 'Suspend'),
        confirmButton('Terminate', async () => report('Terminate', await steerWith('terminate', reason.value))),
      ];

    return h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Execution controls' },
      buttons, terminal ? null : reason, terminal ? null : raiseEventForm());
  }

  async function steerWith(verb, reason) {
    return post(`${base}/${verb}`, undefined, { query: { reason } });
  }

  function report(label, answer) {
    if (answer.ok) {
      say('ok', `${label}: ${answer.status} Accepted.`, 'The execution changes as soon as its worker gets to it.');
      refresher.now();
    } else if (answer.status === 410) {
      say('warn', `${label}: 410 Gone.`, answer.problem?.detail);
      refresher.now();
    } else {
      say('error', `${label} failed.`, describe(answer));
    }
  }

  /** Raise an event (a code-first orchestration's WaitForExternalEvent, or a wait by its name). */
  function raiseEventForm() {
    const name = h('input', { name: 'eventName', placeholder: 'event name', required: true, 'aria-label': 'Event name' });
    const payload = h('input', { name: 'eventPayload', placeholder: 'JSON payload', class: 'mono', 'aria-label': 'Event payload (JSON)' });
    const form = h('form', { class: 'inline-form' }, name, payload, h('button', { type: 'submit', class: 'secondary', text: 'Raise event' }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const { value, error } = readJson(payload.value);
      if (error) {
        say('error', 'Not sent.', `The payload is not JSON: ${error}`);
        return;
      }
      report(`Event ${name.value}`, await post(apiPath('executions', id, 'events', name.value), value ?? null));
    });
    return form;
  }

  const refresher = live(refresh, { interval: 2000 });
  return () => refresher.stop();
}

/** Key facts: what it runs, when, how long. */
function overview(status) {
  const end = terminalStatuses.has(status.runtimeStatus) ? new Date(status.lastUpdatedAt) : new Date();
  return h('div', { class: 'overview' },
    facts([
      ['Workflow', status.workflowId ? h('a', { href: `/workflows/${encodeURIComponent(status.workflowId)}`, text: `${status.workflowId} v${status.version}` }) : status.name],
      ['Orchestrator', status.workflowId ? undefined : status.name],
      ['Created', time(status.createdAt)],
      ['Last update', time(status.lastUpdatedAt)],
      ['Duration', duration(end - new Date(status.createdAt))],
    ]),
    status.failure ? notice('error', status.failure.errorType, status.failure.message) : null);
}

function inputOutput(status) {
  return [
    section('Input', json(status.input ?? null), { id: 'input' }),
    section(status.failure ? 'Failure' : 'Output',
      status.failure ? json(status.failure) : terminalStatuses.has(status.runtimeStatus) ? json(status.output ?? null) : h('p', { class: 'muted', text: 'Not finished yet.' }),
      { id: 'output' }),
    status.customStatus !== null && status.customStatus !== undefined ? section('Custom status', json(status.customStatus)) : null,
  ];
}
