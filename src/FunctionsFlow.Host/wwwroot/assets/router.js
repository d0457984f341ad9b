// Pages by path, in the browser: links change the address without a reload; the host answers every page path with
// the same index.html, so a reloaded or shared address opens the same page.

const routes = [];
let renderPage = () => {};

/** Adds a page: `pattern` like '/executions/:id'; `mount(container, params, query)` returns an optional cleanup. */
export function route(pattern, section, mount) {
  const names = [];
  const source = pattern.replace(/:(\w+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  });
  routes.push({ regex: new RegExp(`^${source}/?$`), names, section, mount });
}

/** Finds the page for a path: `{ section, mount, params }`, or null. */
export function match(pathname) {
  for (const { regex, names, section, mount } of routes) {
    const found = regex.exec(pathname);
    if (found) {
      const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
      return { section, mount, params };
    }
  }
  return null;
}

/** Starts routing: `render(page, query)` shows a page (page is null when no route matches) and ends the one before. */
export function start(render) {
  renderPage = render;
  document.addEventListener('click', (event) => {
    const anchor = event.target.closest?.('a[href]');
    if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (anchor.target || anchor.hasAttribute('download') || anchor.origin !== location.origin) return;
    if (anchor.pathname.startsWith('/api/') || anchor.pathname.startsWith('/.auth/')) return;
    event.preventDefault();
    navigate(anchor.pathname + anchor.search);
  });
  window.addEventListener('popstate', reload);
  reload();
}

/** Goes to a page of the dashboard. */
export function navigate(to, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  reload();
}

/** Changes the query of the current address (filters) without showing the page again. */
export function setQuery(query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) params.set(key, value);
  }
  const search = params.toString();
  history.replaceState(null, '', location.pathname + (search ? `?${search}` : ''));
}

/** Shows the current address's page again (after the caller changed). */
export function reload() {
  renderPage(match(location.pathname), Object.fromEntries(new URLSearchParams(location.search)));
}
