// Who the dashboard calls the API as. In the Development auth mode the caller is a header whose user (and admin
// role) the person picks here and the browser keeps; in Azure, App Service authentication's cookie names the caller
// (fetch sends it, same origin) and the host ignores the development header, so none is sent once that is known.

const userKey = 'functionsflow.user';
const rolesKey = 'functionsflow.roles';

let authMode = null;

/** The development caller kept in this browser: `{ user, admin }`. */
export function devCaller() {
  return {
    user: localStorage.getItem(userKey) ?? '',
    admin: (localStorage.getItem(rolesKey) ?? '').split(',').includes('admin'),
  };
}

/** Keeps (or, with an empty user, forgets) the development caller. */
export function setDevCaller(user, admin) {
  const id = user.trim();
  if (id) localStorage.setItem(userKey, id);
  else localStorage.removeItem(userKey);
  if (admin) localStorage.setItem(rolesKey, 'admin');
  else localStorage.removeItem(rolesKey);
}

/** The auth mode /api/me reported (Development, AppService, ApiKey), or null before the first answer. */
export function mode() {
  return authMode;
}

export function setMode(value) {
  authMode = value ?? null;
}

/** The development headers, unless the host is known to authenticate another way. */
export function callerHeaders() {
  if (authMode && authMode !== 'Development') return {};
  const { user, admin } = devCaller();
  if (!user) return {};
  return admin ? { 'X-FunctionsFlow-User': user, 'X-FunctionsFlow-Roles': 'admin' } : { 'X-FunctionsFlow-User': user };
}

/** App Service authentication's sign-in and sign-out addresses (they exist only behind App Service). */
export function appServiceSignIn(returnTo = location.pathname + location.search) {
  return `/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(returnTo)}`;
}

export const appServiceSignOut = '/.auth/logout?post_logout_redirect_uri=/';
