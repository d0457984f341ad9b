// The inputs an execution waits for, each with a form generated from its JSON Schema that resumes the flow through
// the wait's resume link (POST /api/resume/{key}) or, when it has no usable link, as its owner by raising the event
// named after the wait; and what the host answered, said plainly.
import { apiPath, describe, errorsOf, post } from '../api.js';
import { button, fill, h, notice, time, fromNow } from '../dom.js';
import { schemaForm } from '../schema-form.js';

/**
 * Keeps one card per open wait across refreshes (so what the person typed stays). `update(waitingFor)` adds and
 * removes cards (a card that was answered stays, to show the answer, after its wait closed) and says how many waits
 * are open and how many cards are shown.
 * `changed()` is called after an answer that moves the execution on.
 */
export function waitCards(executionId, changed) {
  const cards = new Map();
  const element = h('div', { class: 'waits' });

  function update(waitingFor) {
    const open = new Map(waitingFor.map((wait) => [`${wait.stepId}\n${wait.resumeUri ?? ''}`, wait]));
    for (const [key, card] of cards) {
      if (!open.has(key) && !card.answered) {
        card.element.remove();
        cards.delete(key);
      } else if (!open.has(key)) {
        card.close();
      }
    }
    for (const [key, wait] of open) {
      if (!cards.has(key)) {
        const card = waitCard(executionId, wait, changed);
        cards.set(key, card);
        element.append(card.element);
      }
    }
    return { open: open.size, shown: cards.size };
  }

  return { element, update };
}

function waitCard(executionId, wait, changed) {
  const form = schemaForm(wait.schema, { label: wait.name });
  const result = h('div', { class: 'wait-result', 'aria-live': 'polite' });
  // Without a usable link (revoked, used, or not made yet) the owner raises the wait's event instead.
  const target = wait.resumeUri ?? apiPath('executions', executionId, 'events', wait.name);
  const submit = h('button', { type: 'submit', text: wait.resumeUri ? 'Resume with this input' : 'Resume as the owner' });
  const card = { answered: false, element: null, close };

  const formElement = h('form', { class: 'resume-form', novalidate: true, dataset: { wait: wait.name } },
    wait.schema ? null : h('p', { class: 'muted', text: 'This wait declares no schema: any JSON value resumes it.' }),
    form.element,
    h('div', { class: 'form-actions' }, submit));
  formElement.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { value, errors } = form.read();
    if (Object.keys(errors).length) {
      showUnplaced(form.showErrors(errors));
      fill(result, notice('error', 'Not sent.', 'Fix the fields marked below first.'));
      return;
    }
    submit.disabled = true;
    const answer = await post(target, value ?? null);
    submit.disabled = false;
    showAnswer(answer);
  });

  const unplaced = h('ul', { class: 'field-errors' });
  function showUnplaced(messages) {
    fill(unplaced, messages.map((m) => h('li', { text: m })));
  }

  function showAnswer(answer) {
    const { kind, title, detail, done } = explain(answer);
    fill(result, notice(kind, title, detail));
    if (answer.status === 400) showUnplaced(form.showErrors(errorsOf(answer)));
    else showUnplaced([]);
    if (done) {
      card.answered = true;
      submit.disabled = true;
      formElement.inert = true;
      formElement.classList.add('answered');
      changed();
    }
  }

  function close() {
    submit.disabled = true;
    formElement.inert = true;
    card.element.classList.add('closed');
  }

  const link = wait.resumeUri
    ? h('div', { class: 'resume-link' },
      h('span', { class: 'field-label', text: 'Resume link' }),
      h('code', { class: 'secret', text: wait.resumeUri }),
      button('Copy', async (copy) => {
        await navigator.clipboard?.writeText(wait.resumeUri);
        copy.textContent = 'Copied';
      }, { class: 'secondary small' }))
    : notice('warn', 'No usable link.', `It is still being made, or it was revoked: the form raises the event ${wait.name} as the owner.`);

  card.element = h('article', { class: 'wait-card', dataset: { step: wait.stepId } },
    h('header', { class: 'wait-head' },
      h('h3', {}, 'Waiting for ', h('span', { class: 'mono', text: wait.name })),
      h('span', { class: 'muted small' }, 'step ', h('span', { class: 'mono', text: wait.stepId }),
        wait.expiresAt ? [' · expires ', time(wait.expiresAt), ` (${fromNow(wait.expiresAt)})`] : ' · never expires')),
    link,
    linkActions(executionId, wait, changed),
    formElement,
    unplaced,
    result);
  return card;
}

/** Replace or withdraw the wait's link (the owner's controls; the flow keeps waiting either way). */
function linkActions(executionId, wait, changed) {
  const said = h('span', { class: 'small', 'aria-live': 'polite' });
  const act = (verb, label) => button(label, async () => {
    const answer = await post(apiPath('executions', executionId, 'waits', wait.stepId, verb));
    fill(said, answer.ok ? `${label}: done.` : describe(answer));
    if (answer.ok) changed();
  }, { class: 'secondary small' });
  if (!wait.resumeUri) return null;
  return h('div', { class: 'link-actions' }, act('rotate', 'New link'), act('revoke', 'Revoke link'), said);
}

/** What an answer of the resume webhook means to the person who sent it. */
function explain(answer) {
  const detail = answer.problem?.detail;
  switch (answer.status) {
    case 202:
      return { kind: 'ok', title: '202 Accepted: the flow resumes with this input.', detail: null, done: true };
    case 400:
      return { kind: 'error', title: '400 Rejected: the input does not fit.', detail: detail ?? 'The link still works: fix the input and send it again.' };
    case 404:
      return { kind: 'error', title: '404 Not found:', detail: detail ?? 'no wait has this link.', done: true };
    case 409:
      return { kind: 'warn', title: '409 Conflict:', detail: detail ?? 'another request resumed this wait first.', done: true };
    case 410:
      return { kind: 'error', title: '410 Gone:', detail: detail ?? 'this link was used, has expired or was revoked.', done: true };
    case 413:
    case 415:
      return { kind: 'error', title: `${answer.status} ${answer.problem?.title ?? 'Refused'}:`, detail };
    case 429: {
      const wait = answer.headers.get('Retry-After');
      return { kind: 'warn', title: '429 Too many attempts.', detail: wait ? `Try again in ${wait} s.` : 'Try again later.' };
    }
    default:
      return { kind: 'error', title: 'Not resumed.', detail: describe(answer) };
  }
}
