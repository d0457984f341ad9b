// The caller's workflows (drafts and published), and a new one from a definition typed or pasted here.
import { describe, get, put, apiPath } from '../api.js';
import { field, fill, h, notice, section, time } from '../dom.js';
import { navigate, setQuery } from '../router.js';
import { problemNotice } from './problems.js';

export function mountWorkflows(container, _params, query) {
  let state = query.state ?? '';
  const body = h('tbody');
  const message = h('div', { class: 'messages' });
  const stateFilter = h('select', { name: 'state', value: state, 'aria-label': 'State' },
    h('option', { value: '', text: 'Drafts and published' }),
    h('option', { value: 'Published', text: 'Published' }),
    h('option', { value: 'Draft', text: 'Drafts' }));
  stateFilter.addEventListener('change', () => {
    state = stateFilter.value;
    setQuery({ state });
    load();
  });

  fill(container,
    h('div', { class: 'page-head' }, h('h1', { text: 'Workflows' }),
      h('div', { class: 'page-actions' }, stateFilter, h('a', { class: 'button secondary', href: '/templates', text: 'From a template…' }))),
    message,
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid workflows' },
      h('thead', {}, h('tr', {}, ['Workflow', 'Name', 'State', 'Version', 'Updated'].map((c) => h('th', { scope: 'col', text: c })))),
      body)),
    newWorkflow());

  async function load() {
    const answer = await get('/api/workflows', { state, top: 1000 });
    if (!answer.ok) {
      fill(message, notice('error', 'Could not list the workflows.', describe(answer)));
      return;
    }
    fill(body, answer.data.items.length
      ? answer.data.items.map((w) => h('tr', { dataset: { id: w.id } },
        h('td', {}, h('a', { href: `/workflows/${encodeURIComponent(w.id)}`, class: 'mono', text: w.id })),
        h('td', {}, w.name, w.description ? h('div', { class: 'muted small', text: w.description }) : null),
        h('td', {}, h('span', { class: `badge badge-${w.state.toLowerCase()}`, text: w.state })),
        h('td', { class: 'num', text: w.version ? `v${w.version}` : '—' }),
        h('td', {}, time(w.updatedAt, { relative: true }))))
      : h('tr', {}, h('td', { colSpan: 5, class: 'empty', text: 'No workflows yet: save one below, or start from a template.' })));
  }

  load();
}

const example = `id: hello
name: Hello
input:
  schema: {type: object, required: [name], properties: {name: {type: string}}}
steps:
  - {id: greet, set: {greeting: "Hello \${ input.name }"}}
  - {id: done, return: {greeting: "\${ vars.greeting }"}}
`;

/** A new draft from YAML or JSON: saved with PUT, checked by the host (400 lists every problem by path). */
function newWorkflow() {
  const id = h('input', { name: 'workflowId', required: true, placeholder: 'hello', pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]*' });
  const source = h('textarea', { name: 'definition', class: 'code', rows: 10, spellcheck: false, placeholder: example });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'stack' },
    field('Workflow id (the definition’s id)', id),
    field('Definition (YAML or JSON)', source),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: 'Save draft' })),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = source.value || example;
    const answer = await saveDefinition(id.value.trim(), text);
    if (answer.ok) navigate(`/workflows/${encodeURIComponent(id.value.trim())}`);
    else fill(result, problemNotice('Not saved.', answer));
  });
  return section('New workflow', h('details', {}, h('summary', { text: 'Write a definition' }), form), { id: 'new-workflow' });
}

/** PUTs a definition as the workflow's draft, as YAML unless it reads as a JSON object. */
export function saveDefinition(workflowId, text) {
  const contentType = text.trimStart().startsWith('{') ? 'application/json' : 'application/yaml';
  return put(apiPath('workflows', workflowId), text, { headers: { 'Content-Type': contentType } });
}
