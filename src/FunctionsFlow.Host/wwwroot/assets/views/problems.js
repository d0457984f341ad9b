// How a refused request is shown: the status and title, the detail, and each error the host named by its path.
import { describe, errorsOf } from '../api.js';
import { h, notice } from '../dom.js';

export function problemNotice(title, answer) {
  const errors = Object.entries(errorsOf(answer));
  return h('div', { class: 'problem' },
    notice('error', title, describe(answer)),
    errors.length
      ? h('ul', { class: 'field-errors' }, errors.flatMap(([path, messages]) => messages.map((m) => h('li', {}, h('code', { text: path }), ' ', m))))
      : null);
}
