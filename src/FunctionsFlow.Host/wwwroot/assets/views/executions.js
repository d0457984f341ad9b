// The executions list: the caller's executions with the API's filters (and "waiting for input"), newest first,
// refreshed live, a page at a time.
import { describe, get } from '../api.js';
import { duration, field, fill, h, isoFromLocal, localFromIso, notice, statusBadge, terminalStatuses, time } from '../dom.js';
import { live } from '../live.js';
import { setQuery } from '../router.js';

const runtimeStatuses = ['Pending', 'Running', 'Suspended', 'Completed', 'Failed', 'Terminated', 'ContinuedAsNew'];
const pageSizes = [25, 50, 100, 200];

export function mountExecutions(container, _params, query) {
  const filters = {
    runtimeStatus: query.runtimeStatus ?? '',
    workflowId: query.workflowId ?? '',
    instanceIdPrefix: query.instanceIdPrefix ?? '',
    createdFrom: query.createdFrom ?? '',
    createdTo: query.createdTo ?? '',
    waiting: query.waiting === '1',
    top: pageSizes.includes(Number(query.top)) ? Number(query.top) : 50,
  };
  let rows = [];
  let token = null;
  let wanted = filters.top;

  const message = h('div', { class: 'messages' });
  const summary = h('p', { class: 'muted summary', 'aria-live': 'polite' });
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, text: 'Load more', onclick: loadMore });
  const workflows = h('datalist', { id: 'workflow-ids' });

  const form = filterForm(filters, workflows, () => {
    wanted = filters.top;
    setQuery({ ...filters, waiting: filters.waiting ? '1' : '', top: filters.top === 50 ? '' : filters.top });
    refresher.now();
  });

  const refresher = live(refresh);
  fill(container,
    h('div', { class: 'page-head' },
      h('h1', { text: 'Executions' }),
      h('div', { class: 'page-actions' }, refresher.toggle, h('a', { class: 'button', href: '/workflows', text: 'Start a workflow…' }))),
    form,
    message,
    h('div', { class: 'table-wrap' },
      h('table', { class: 'grid executions' },
        h('thead', {}, h('tr', {}, ['Execution', 'Status', 'Workflow', 'Created', 'Last update', 'Duration'].map((c) => h('th', { scope: 'col', text: c })))),
        body)),
    h('div', { class: 'table-foot' }, summary, more));

  get('/api/workflows', { top: 1000 }).then((answer) => {
    if (answer.ok) fill(workflows, answer.data.items.map((w) => h('option', { value: w.id, text: w.name })));
  });

  async function refresh() {
    const answer = await get('/api/executions', { ...serverFilters(filters), top: Math.min(wanted, 1000) });
    if (!answer.ok) {
      fill(message, notice('error', 'Could not list the executions.', describe(answer)));
      return;
    }
    fill(message);
    rows = answer.data.items;
    token = answer.data.continuationToken;
    render();
  }

  async function loadMore() {
    more.disabled = true;
    const answer = await get('/api/executions', { ...serverFilters(filters), top: filters.top, continuationToken: token });
    more.disabled = false;
    if (!answer.ok) {
      fill(message, notice('error', 'Could not load more executions.', describe(answer)));
      return;
    }
    rows = [...rows, ...answer.data.items];
    token = answer.data.continuationToken;
    wanted = rows.length;
    render();
  }

  function render() {
    const shown = rows
      .filter((row) => !filters.waiting || row.waitingFor?.length)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    fill(body, shown.length
      ? shown.map(executionRow)
      : h('tr', {}, h('td', { colSpan: 6, class: 'empty', text: 'No executions match these filters.' })));
    more.hidden = !token;
    fill(summary, `${shown.length} execution${shown.length === 1 ? '' : 's'}${token ? ' (more on the host)' : ''} · updated `, time(new Date().toISOString()));
  }

  return () => refresher.stop();
}

/** The filters the API takes (waiting-for-input is read from each row here). */
function serverFilters({ runtimeStatus, workflowId, instanceIdPrefix, createdFrom, createdTo, waiting }) {
  return {
    runtimeStatus: waiting && !runtimeStatus ? 'Running' : runtimeStatus,
    workflowId,
    instanceIdPrefix,
    createdFrom,
    createdTo,
  };
}

function filterForm(filters, workflows, changed) {
  const status = h('select', { name: 'runtimeStatus', value: filters.runtimeStatus },
    h('option', { value: '', text: 'Any status' }),
    runtimeStatuses.map((s) => h('option', { value: s, text: s })));
  const workflow = h('input', { name: 'workflowId', list: 'workflow-ids', value: filters.workflowId, placeholder: 'any workflow' });
  const prefix = h('input', { name: 'instanceIdPrefix', value: filters.instanceIdPrefix, placeholder: 'id starts with…' });
  const from = h('input', { type: 'datetime-local', name: 'createdFrom', value: localFromIso(filters.createdFrom) });
  const to = h('input', { type: 'datetime-local', name: 'createdTo', value: localFromIso(filters.createdTo) });
  const waiting = h('input', { type: 'checkbox', name: 'waiting', checked: filters.waiting });
  const top = h('select', { name: 'top', value: String(filters.top) }, pageSizes.map((n) => h('option', { value: String(n), text: `${n} a page` })));

  const read = () => {
    Object.assign(filters, {
      runtimeStatus: status.value,
      workflowId: workflow.value.trim(),
      instanceIdPrefix: prefix.value.trim(),
      createdFrom: isoFromLocal(from.value) ?? '',
      createdTo: isoFromLocal(to.value) ?? '',
      waiting: waiting.checked,
      top: Number(top.value),
    });
    changed();
  };

  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter executions' },
    field('Status', status),
    field('Workflow', workflow),
    workflows,
    field('Id prefix', prefix),
    field('Created from', from),
    field('Created to', to),
    h('label', { class: 'inline' }, waiting, h('span', { text: 'Waiting for input' })),
    field('Page', top),
    h('button', {
      type: 'reset',
      class: 'secondary',
      text: 'Clear',
      onclick: () => setTimeout(read),
    }));
  form.addEventListener('change', read);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    read();
  });
  return form;
}

function executionRow(row) {
  const waiting = row.waitingFor?.length > 0;
  const end = terminalStatuses.has(row.runtimeStatus) ? new Date(row.lastUpdatedAt) : new Date();
  return h('tr', { dataset: { id: row.id } },
    h('td', {}, h('a', { href: `/executions/${encodeURIComponent(row.id)}`, class: 'mono', text: row.id }),
      row.name !== row.workflowId ? h('div', { class: 'muted small', text: row.name }) : null),
    h('td', {}, statusBadge(row.runtimeStatus, { waiting }),
      waiting ? h('div', { class: 'muted small', text: row.waitingFor.map((w) => w.name).join(', ') }) : null),
    h('td', {}, row.workflowId
      ? [h('a', { href: `/workflows/${encodeURIComponent(row.workflowId)}`, text: row.workflowId }), row.version ? h('span', { class: 'muted', text: ` v${row.version}` }) : null]
      : h('span', { class: 'muted', text: 'code-first' })),
    h('td', {}, time(row.createdAt)),
    h('td', {}, time(row.lastUpdatedAt, { relative: true })),
    h('td', { class: 'num' }, duration(end - new Date(row.createdAt))));
}
