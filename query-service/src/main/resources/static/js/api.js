// The query API over HTTP Basic. Credentials live in sessionStorage only (gone when the tab closes);
// X-Requested-With tells the server not to ask the browser for its own login dialog; Accept-Language asks for
// problem details in Chinese, as the page is, whatever language the browser itself prefers.

const KEY = 'ledger.credentials';

export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

let credentials = sessionStorage.getItem(KEY);
let onUnauthenticated = () => {};

export function setUnauthenticatedHandler(handler) {
  onUnauthenticated = handler;
}

export function hasCredentials() {
  return credentials !== null;
}

export function username() {
  if (!credentials) return null;
  return decodeBase64(credentials).split(':')[0];
}

function encodeBase64(text) {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

function decodeBase64(b64) {
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}

/** Tries the credentials against the API; keeps them only if the server accepts them. */
export async function login(user, password) {
  const candidate = encodeBase64(`${user}:${password}`);
  const response = await fetch('api/reference', { headers: headers(candidate, 'application/json') });
  if (response.status === 401) throw new ApiError(401, 'UNAUTHENTICATED', '用户名或密码错误');
  if (!response.ok) throw await problem(response);
  credentials = candidate;
  sessionStorage.setItem(KEY, candidate);
  return response.json();
}

export function logout() {
  credentials = null;
  sessionStorage.removeItem(KEY);
}

function headers(basic, accept) {
  return {
    Authorization: `Basic ${basic}`,
    'X-Requested-With': 'XMLHttpRequest',
    'Accept-Language': 'zh-CN',
    Accept: accept,
  };
}

async function problem(response) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    // not problem+json; the status says enough
  }
  return new ApiError(response.status, body.code, body.detail || body.title);
}

/**
 * Always asks the server ('no-cache'), but lets the browser keep what it may: the dashboards answer with an ETag
 * and `Cache-Control: no-cache, private`, so a repeated poll is a 304 without a body; every other answer says
 * `no-store` and is never kept.
 */
async function request(path, accept, init = {}) {
  const response = await fetch(path, {
    ...init, headers: { ...headers(credentials, accept), ...init.headers }, cache: 'no-cache',
  });
  if (response.status === 401) {
    logout();
    onUnauthenticated();
    throw new ApiError(401, 'UNAUTHENTICATED', '请重新登录');
  }
  if (!response.ok) throw await problem(response);
  return response;
}

/** GET a JSON resource, path relative to the page (so the page also works behind a path prefix). */
export async function get(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== ''));
  const url = query.toString() ? `${path}?${query}` : path;
  return (await request(url, 'application/json')).json();
}

/** GET a resource as a Blob in the given media type (the ledger as CSV). */
export async function download(path, params, accept) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== ''));
  const url = query.toString() ? `${path}?${query}` : path;
  return (await request(url, accept)).blob();
}

/**
 * POST a command as JSON, path relative to the page. Commands reach the command service by method: the
 * production proxy sends every /api request but GET and HEAD there, and the all-in-one answers both alike.
 * `json` is the body's text, so that amounts go out exactly as the user typed them.
 */
export async function post(path, json) {
  const init = { method: 'POST', body: json, headers: { 'Content-Type': 'application/json' } };
  const response = await request(path, 'application/json', init);
  return response.status === 204 ? {} : response.json();
}
