// Every call the dashboard makes: same origin, as the caller (session.js), answers read as JSON or problem details.
import { callerHeaders } from './session.js';

/** Listeners told when the host answers 401 (the caller is unknown or signed out). */
const unauthorizedListeners = new Set();

export function onUnauthorized(listener) {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/**
 * Sends a request and reads the answer: `{ status, ok, data, problem, headers }`. `data` is the parsed JSON body
 * (or its text); `problem` is the body when it is RFC 7807 problem details. Never throws for an HTTP status.
 * A path outside /api is taken as is (the resume links); absolute URLs are reduced to their path on this origin.
 */
export async function request(method, path, { query, body, headers } = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }

  const init = {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json, application/problem+json',
      // App Service authentication answers 401 (not a login redirect) to script requests that say so.
      'X-Requested-With': 'XMLHttpRequest',
      ...callerHeaders(),
      ...headers,
    },
  };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers['Content-Type'] ??= 'application/json';
  }

  let response;
  try {
    response = await fetch(`${url.pathname}${url.search}`, init);
  } catch (error) {
    return { status: 0, ok: false, data: null, problem: { title: 'The host did not answer', detail: error.message }, headers: new Headers() };
  }

  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }

  const isProblem = (response.headers.get('Content-Type') ?? '').includes('problem+json') || (!response.ok && data && typeof data === 'object');
  if (response.status === 401) unauthorizedListeners.forEach((listener) => listener(data));
  return { status: response.status, ok: response.ok, data, problem: isProblem ? data : null, headers: response.headers };
}

export const get = (path, query) => request('GET', path, { query });
export const post = (path, body, options = {}) => request('POST', path, { body, ...options });
export const put = (path, body, options = {}) => request('PUT', path, { body, ...options });
export const del = (path, options = {}) => request('DELETE', path, options);

/** One line for an error answer: status, title and detail of its problem details. */
export function describe(answer) {
  if (answer.status === 0) return `${answer.problem.title}: ${answer.problem.detail}`;
  const problem = answer.problem ?? {};
  return [`${answer.status} ${problem.title ?? 'Error'}`, problem.detail].filter(Boolean).join(': ');
}

/** The `errors` map of a validation problem (JSON path to messages), or an empty one. */
export function errorsOf(answer) {
  return answer.problem?.errors && typeof answer.problem.errors === 'object' ? answer.problem.errors : {};
}

/** `/api/executions/{id}` with the id escaped; every part after the first is escaped the same way. */
export function apiPath(first, ...parts) {
  return ['/api', first, ...parts.map((part) => encodeURIComponent(part))].join('/');
}
