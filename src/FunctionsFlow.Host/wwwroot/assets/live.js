// Live refresh: a page reloads its data every few seconds while it is shown, the tab is visible and the person
// has not switched it off (a choice the browser keeps for every page).
import { h } from './dom.js';

const liveKey = 'functionsflow.live';
const defaultInterval = 3000;

/** True unless the person switched live refresh off. */
function isLive() {
  return localStorage.getItem(liveKey) !== 'off';
}

/**
 * Calls `refresh` now and then every `interval` ms (one call at a time; none while the tab is hidden or live refresh
 * is off). Returns `{ stop, now, toggle }`: `now()` refreshes at once, `toggle` is the on/off switch to show.
 */
export function live(refresh, { interval = defaultInterval } = {}) {
  let timer = null;
  let running = false;
  let stopped = false;

  const tick = async () => {
    clearTimeout(timer);
    if (stopped) return;
    if (!running) {
      running = true;
      try {
        await refresh();
      } catch (error) {
        console.error('Live refresh failed', error);
      } finally {
        running = false;
      }
    }
    schedule();
  };

  const schedule = () => {
    clearTimeout(timer);
    if (!stopped && isLive() && !document.hidden) timer = setTimeout(tick, interval);
  };

  const onVisibility = () => (document.hidden ? clearTimeout(timer) : tick());
  document.addEventListener('visibilitychange', onVisibility);

  const input = h('input', { type: 'checkbox', checked: isLive(), 'aria-label': 'Live refresh' });
  input.addEventListener('change', () => {
    localStorage.setItem(liveKey, input.checked ? 'on' : 'off');
    if (input.checked) tick();
    else clearTimeout(timer);
  });
  const toggle = h('label', { class: 'live-toggle', title: `Reload every ${interval / 1000} s` }, input, h('span', { text: 'Live' }));

  tick();
  return {
    toggle,
    now: tick,
    stop() {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
