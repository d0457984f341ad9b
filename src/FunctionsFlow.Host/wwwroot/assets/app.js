// The dashboard's shell: who the caller is, the pages and the navigation between them.
import { get, onUnauthorized } from './api.js';
import { fill, h, notice, section } from './dom.js';
import { reload, route, start } from './router.js';
import { appServiceSignIn, appServiceSignOut, devCaller, mode, setDevCaller, setMode } from './session.js';
import { mountExecutions } from './views/executions.js';
import { mountExecution } from './views/execution.js';
import { mountWorkflows } from './views/workflows.js';
import { mountWorkflow } from './views/workflow.js';
import { mountTemplates } from './views/templates.js';
import { mountSchedules } from './views/schedules.js';
import { mountSchedule } from './views/schedule.js';
import { mountHealth } from './views/health.js';

route('/', 'executions', mountExecutions);
route('/executions', 'executions', mountExecutions);
route('/executions/:id', 'executions', mountExecution);
route('/workflows', 'workflows', mountWorkflows);
route('/workflows/:id', 'workflows', mountWorkflow);
route('/templates', 'templates', mountTemplates);
route('/schedules', 'schedules', mountSchedules);
route('/schedules/:id', 'schedules', mountSchedule);
route('/health', 'health', mountHealth);

const main = document.getElementById('main');
const callerArea = document.getElementById('caller');
let me = null;
let signedOut = false;
let refusal = null;

/** Asks the host who the caller is; shows the caller (or the sign-in page) and applies the caller's theme. */
async function identify() {
  const answer = await get('/api/me');
  me = answer.ok ? answer.data : null;
  signedOut = answer.status === 401;
  refusal = signedOut ? answer.problem : null;
  setMode(me?.authMode);
  renderCaller();
  if (me) {
    const settings = await get('/api/me/settings');
    document.documentElement.dataset.theme = settings.ok ? settings.data.theme ?? 'system' : 'system';
  }
  return answer;
}

function renderCaller() {
  if (me && mode() !== 'Development') {
    fill(callerArea,
      h('span', { class: 'who', title: `${me.authMode} authentication` }, me.userId, me.isAdmin ? h('span', { class: 'role', text: 'admin' }) : null),
      mode() === 'AppService' ? h('a', { href: appServiceSignOut, text: 'Sign out' }) : null);
    return;
  }

  // Signed out, the page itself asks who the caller is.
  fill(callerArea, signedOut ? h('span', { class: 'muted', text: 'Not signed in' }) : devCallerForm({ compact: true }));
}

/** The development caller's user id and admin role, kept in this browser and sent as headers. */
function devCallerForm({ compact }) {
  const current = devCaller();
  const user = h('input', { name: 'user', value: current.user, placeholder: 'user id', required: true, autocomplete: 'username', 'aria-label': 'User id' });
  const admin = h('input', { type: 'checkbox', name: 'admin', checked: current.admin });
  const form = h('form', { class: compact ? 'caller-form compact' : 'caller-form', title: 'The Development auth mode trusts the X-FunctionsFlow-User header' },
    compact ? null : h('span', { class: 'field-label', text: 'User id' }),
    user,
    h('label', { class: 'inline' }, admin, h('span', { text: 'admin' })),
    h('button', { type: 'submit', text: compact ? 'Switch' : 'Continue' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    setDevCaller(user.value, admin.checked);
    await identify();
    reload();
  });
  return form;
}

function signInPage() {
  const detail = refusal?.detail ?? 'The host needs to know who you are.';
  return h('div', { class: 'page narrow' },
    h('h1', { text: 'Sign in' }),
    notice('warn', '401 Unauthorized', detail),
    section('Local development', [
      h('p', { text: 'The host runs in the Development auth mode: it trusts the X-FunctionsFlow-User header. Choose the user to act as (this browser keeps it):' }),
      devCallerForm({ compact: false }),
    ]),
    section('In Azure', [
      h('p', { text: 'Behind App Service authentication your sign-in cookie names you; the page calls the API with it.' }),
      h('a', { class: 'button', href: appServiceSignIn(), text: 'Sign in with Microsoft Entra ID' }),
    ]));
}

let cleanup = null;

function show(page, query) {
  cleanup?.();
  cleanup = null;
  for (const item of document.querySelectorAll('.nav a')) {
    item.classList.toggle('active', !signedOut && item.dataset.section === page?.section);
  }

  if (signedOut) {
    fill(main, signInPage());
    return;
  }

  if (!page) {
    fill(main, h('div', { class: 'page' }, h('h1', { text: 'Not found' }), h('p', {}, 'No page here. ', h('a', { href: '/', text: 'Executions' }))));
    return;
  }

  const content = h('div', { class: 'page' });
  fill(main, content);
  const result = page.mount(content, page.params, query);
  cleanup = typeof result === 'function' ? result : null;
}

onUnauthorized((problem) => {
  if (signedOut) return;
  signedOut = true;
  refusal = problem;
  me = null;
  renderCaller();
  reload();
});

await identify();
start(show);
