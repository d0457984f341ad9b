// An execution's variables: the run's own `vars`, rebuilt from what each step run changed (the step runs are the
// audit trail of vars), and the variables of the workflow's scope that every run of it shares.
import { apiPath, describe, get } from '../api.js';
import { fill, h, json, notice, time } from '../dom.js';

/** `vars` as the steps left them, with the step that set each one last. */
function foldVariables(steps) {
  const vars = new Map();
  for (const step of steps) {
    for (const [name, value] of Object.entries(step.varsChanged ?? {})) {
      vars.set(name, { value, stepId: step.stepId, at: step.completedAt ?? step.startedAt });
    }
  }
  return vars;
}

export function runVariables(steps, workflowId) {
  const vars = foldVariables(steps);
  const scoped = h('div', { class: 'scoped-variables' });
  if (workflowId) {
    fill(scoped, h('p', { class: 'muted', text: 'Reading the workflow’s variables…' }));
    get(apiPath('variables', 'workflows', workflowId)).then((answer) => fill(scoped,
      h('h3', { text: `Workflow scope (${workflowId})` }),
      answer.ok ? variableTable(answer.data.items.map((v) => [v.key, v.value, ['updated ', time(v.updatedAt, { relative: true })]]), 'No variables in this scope.')
        : notice('error', 'Could not read them.', describe(answer))));
  }

  return h('div', {},
    h('h3', { text: 'This run (vars)' }),
    variableTable([...vars].map(([name, set]) => [name, set.value, ['set by ', h('span', { class: 'mono', text: set.stepId })]]),
      steps.length ? 'No step has set a variable.' : 'Variables are kept by declarative workflows.'),
    scoped);
}

function variableTable(rows, empty) {
  if (!rows.length) return h('p', { class: 'muted', text: empty });
  return h('table', { class: 'grid compact' },
    h('thead', {}, h('tr', {}, h('th', { text: 'Name' }), h('th', { text: 'Value' }), h('th', { text: '' }))),
    h('tbody', {}, rows.map(([name, value, note]) => h('tr', { dataset: { variable: name } },
      h('td', { class: 'mono', text: name }), h('td', {}, json(value, { className: 'inline' })), h('td', { class: 'muted small' }, note)))));
}
