// An execution's checkpoints: when each was taken and its size; its state on demand; a restart from it once the
// execution has finished.
import { describe, get, post } from '../api.js';
import { button, fill, h, json, notice, time } from '../dom.js';

export function checkpointList(base, items, { canRestart, onRestarted }) {
  if (!items.length) return h('p', { class: 'muted', text: 'No checkpoints: one is taken at each checkpoint step and each wait for input.' });
  const shown = h('div', { class: 'checkpoint-state' });
  const path = (checkpoint) => `${base}/checkpoints/${encodeURIComponent(checkpoint.id)}`;

  return h('div', {},
    h('table', { class: 'grid compact' },
      h('thead', {}, h('tr', {}, ['Checkpoint', 'Taken', 'Stored', ''].map((c) => h('th', { text: c })))),
      h('tbody', {}, items.map((checkpoint) => h('tr', { dataset: { checkpoint: checkpoint.id } },
        h('td', { class: 'mono', text: checkpoint.id }),
        h('td', {}, time(checkpoint.createdAt)),
        h('td', { class: 'num', text: `${checkpoint.storedBytes.toLocaleString()} B` }),
        h('td', { class: 'row-actions' },
          button('State', async () => {
            const answer = await get(path(checkpoint));
            fill(shown, answer.ok ? [h('h3', { text: checkpoint.id }), json(answer.data.state)] : notice('error', 'Could not read it.', describe(answer)));
          }, { class: 'secondary small' }),
          canRestart ? button('Restart here', async () => {
            const answer = await post(`${base}/restart`, undefined, { query: { fromCheckpoint: checkpoint.id } });
            if (answer.status === 202) onRestarted(answer.data.id);
            else fill(shown, notice('error', 'Not restarted.', describe(answer)));
          }, { class: 'secondary small' }) : null))))),
    shown);
}
