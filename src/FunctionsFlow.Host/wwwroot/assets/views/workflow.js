// One workflow: its definition (edit the draft, publish it), its versions, a form that starts an execution, saving
// it as a template, and deleting it.
import { apiPath, del, describe, get, post } from '../api.js';
import { button, confirmButton, facts, field, fill, h, notice, readJson, section, time } from '../dom.js';
import { navigate } from '../router.js';
import { schemaForm } from '../schema-form.js';
import { problemNotice } from './problems.js';
import { saveDefinition } from './workflows.js';

export function mountWorkflow(container, { id }) {
  const base = apiPath('workflows', id);
  const said = h('div', { class: 'messages', 'aria-live': 'polite' });
  const say = (node) => fill(said, node);

  async function load() {
    const answer = await get(base);
    if (!answer.ok) {
      fill(container, crumbs(id), h('h1', { class: 'mono', text: id }),
        notice(answer.status === 404 ? 'warn' : 'error', answer.status === 404 ? 'No such workflow.' : 'Could not read the workflow.', describe(answer)));
      return;
    }

    const workflow = answer.data;
    fill(container,
      crumbs(id),
      h('div', { class: 'page-head' },
        h('h1', {}, workflow.name, ' ', h('span', { class: `badge badge-${workflow.state.toLowerCase()}`, text: workflow.state })),
        h('div', { class: 'page-actions' },
          h('a', { class: 'button secondary', href: `/?workflowId=${encodeURIComponent(id)}`, text: 'Its executions' }),
          confirmButton('Delete', async () => {
            const answer = await del(base);
            if (answer.status === 204) navigate('/workflows');
            else say(problemNotice('Not deleted.', answer));
          }))),
      said,
      facts([
        ['Id', h('span', { class: 'mono', text: workflow.id })],
        ['Description', workflow.description ?? undefined],
        ['Latest version', workflow.version ? `v${workflow.version}` : 'not published'],
        ['Versions', workflow.versions.length ? workflow.versions.map((v, i) => [i ? ', ' : '', `v${v.version} `, time(v.publishedAt)]) : 'none'],
        ['Created', time(workflow.createdAt)],
        ['Updated', time(workflow.updatedAt)],
      ]),
      workflow.version ? startForm(workflow) : notice('info', 'Not published yet.', 'Publish the draft to start executions of it.'),
      definitionEditor(workflow),
      templateForm());
  }

  function startForm(workflow) {
    const schema = inputSchema(workflow);
    const form = schema ? schemaForm(schema, { label: 'Input' }) : null;
    const raw = h('textarea', { name: 'input', class: 'code', rows: 5, spellcheck: false, value: '{}' });
    const instanceId = h('input', { name: 'instanceId', placeholder: 'generated when empty' });
    const result = h('div', { 'aria-live': 'polite' });
    const element = h('form', { class: 'stack start-form' },
      form ? form.element : field('Input (JSON)', raw, 'Checked against the definition’s input schema before anything starts.'),
      field('Instance id (optional)', instanceId),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: `Start v${workflow.version}` })),
      result);
    element.addEventListener('submit', async (event) => {
      event.preventDefault();
      let input;
      if (form) {
        const read = form.read();
        if (Object.keys(read.errors).length) {
          form.showErrors(read.errors);
          return;
        }
        input = read.value;
      } else {
        const { value, error } = readJson(raw.value);
        if (error) {
          fill(result, notice('error', 'Not started.', `The input is not JSON: ${error}`));
          return;
        }
        input = value;
      }
      const answer = await post(`${base}/executions`, input ?? null, { query: { instanceId: instanceId.value.trim() } });
      if (answer.status === 202) {
        navigate(`/executions/${encodeURIComponent(answer.data.id)}`);
        return;
      }
      fill(result, problemNotice('Not started.', answer));
      form?.showErrors(Object.fromEntries(Object.entries(answer.problem?.errors ?? {})));
    });
    return section('Start an execution', element, { id: 'start' });
  }

  function definitionEditor(workflow) {
    const source = h('textarea', { name: 'definition', class: 'code', rows: Math.min(30, workflow.definition.split('\n').length + 1), spellcheck: false, value: workflow.definition });
    const result = h('div', { 'aria-live': 'polite' });
    return section('Definition', [
      h('p', { class: 'muted small', text: `${workflow.contentType}. Saving replaces the draft; publishing freezes the draft as the next version.` }),
      source,
      h('div', { class: 'form-actions' },
        button('Save draft', async () => {
          const answer = await saveDefinition(id, source.value);
          if (answer.ok) await load();
          else fill(result, problemNotice('Not saved.', answer));
        }),
        button('Publish', async () => {
          const answer = await post(`${base}/publish`);
          if (answer.ok) {
            await load();
            say(notice('ok', `Published v${answer.data.version}.`));
          } else {
            fill(result, problemNotice('Not published.', answer));
          }
        }, { class: 'secondary' })),
      result,
    ], { id: 'definition' });
  }

  function templateForm() {
    const name = h('input', { name: 'templateName', required: true });
    const category = h('input', { name: 'category', placeholder: 'e.g. approvals' });
    const description = h('input', { name: 'description' });
    const tags = h('input', { name: 'tags', placeholder: 'comma, separated' });
    const isPublic = h('input', { type: 'checkbox', name: 'isPublic' });
    const result = h('div', { 'aria-live': 'polite' });
    const form = h('form', { class: 'grid-form' },
      field('Name', name), field('Category', category), field('Description', description), field('Tags', tags),
      h('label', { class: 'inline' }, isPublic, h('span', { text: 'Public (every user sees it)' })),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'secondary', text: 'Save as template' })),
      result);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const answer = await post(`${base}/template`, {
        name: name.value,
        category: category.value || null,
        description: description.value || null,
        isPublic: isPublic.checked,
        tags: tags.value.split(',').map((t) => t.trim()).filter(Boolean),
      });
      fill(result, answer.status === 201 ? notice('ok', 'Saved as a template.', h('a', { href: '/templates?scope=mine', text: 'Your templates' })) : problemNotice('Not saved.', answer));
    });
    return section('Share as a template', h('details', {}, h('summary', { text: 'Save this workflow as a template' }), form), { id: 'template' });
  }

  load();
}

/** The input schema of a JSON definition (a YAML one is shown as JSON input: the page parses no YAML). */
function inputSchema(workflow) {
  if (!workflow.contentType.includes('json')) return null;
  try {
    return JSON.parse(workflow.definition)?.input?.schema ?? null;
  } catch {
    return null;
  }
}

function crumbs(id) {
  return h('p', { class: 'crumbs' }, h('a', { href: '/workflows', text: 'Workflows' }), ' / ', h('span', { class: 'mono', text: id }));
}
