// Templates: public ones and the caller's own, by category; a new workflow (a draft) from one.
import { apiPath, describe, get, post } from '../api.js';
import { field, fill, h, notice } from '../dom.js';
import { navigate, setQuery } from '../router.js';
import { problemNotice } from './problems.js';

export function mountTemplates(container, _params, query) {
  const filters = { scope: query.scope === 'mine' ? 'mine' : 'public', category: query.category ?? '' };
  const list = h('div', { class: 'cards' });
  const message = h('div', { class: 'messages' });
  const scope = h('select', { name: 'scope', value: filters.scope }, h('option', { value: 'public', text: 'Public templates' }), h('option', { value: 'mine', text: 'My templates' }));
  const category = h('input', { name: 'category', value: filters.category, placeholder: 'any category' });
  const form = h('form', { class: 'filters', role: 'search' }, field('Show', scope), field('Category', category));
  form.addEventListener('change', () => {
    Object.assign(filters, { scope: scope.value, category: category.value.trim() });
    setQuery(filters);
    load();
  });
  form.addEventListener('submit', (event) => event.preventDefault());

  fill(container, h('div', { class: 'page-head' }, h('h1', { text: 'Templates' })), form, message, list);

  async function load() {
    const answer = await get('/api/templates', filters);
    if (!answer.ok) {
      fill(message, notice('error', 'Could not list the templates.', describe(answer)));
      return;
    }
    fill(message);
    fill(list, answer.data.items.length
      ? answer.data.items.map(templateCard)
      : h('p', { class: 'muted', text: filters.scope === 'mine' ? 'You have no templates: save a workflow as one from its page.' : 'No public templates yet.' }));
  }

  load();
}

function templateCard(template) {
  const workflowId = h('input', { name: 'workflowId', required: true, placeholder: 'new workflow id' });
  const name = h('input', { name: 'name', placeholder: template.name });
  const result = h('div', { 'aria-live': 'polite' });
  const use = h('form', { class: 'inline-form' }, workflowId, name, h('button', { type: 'submit', text: 'Use' }));
  use.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await post(apiPath('templates', template.templateId, 'workflows'), { workflowId: workflowId.value.trim(), name: name.value.trim() || null });
    if (answer.status === 201) navigate(`/workflows/${encodeURIComponent(answer.data.id)}`);
    else fill(result, problemNotice('No workflow made.', answer));
  });

  return h('article', { class: 'card template', dataset: { template: template.templateId } },
    h('div', { class: 'card-head' },
      h('h2', { text: template.name }),
      h('span', { class: 'muted small', text: `${template.isPublic ? 'public' : 'private'} · by ${template.owner} · used ${template.usageCount}×` })),
    template.category ? h('p', { class: 'small' }, h('span', { class: 'chip static', text: template.category })) : null,
    template.description ? h('p', { text: template.description }) : null,
    template.tags.length ? h('p', { class: 'tags' }, template.tags.map((tag) => h('span', { class: 'tag', text: tag }))) : null,
    use,
    result);
}
