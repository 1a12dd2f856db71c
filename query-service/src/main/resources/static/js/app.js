// The dashboard's shell: login, the role's own tabs and landing view, reference labels and the polling that
// keeps the open view current.

import * as api from './api.js';
import { clock, esc } from './format.js';
import { resizeAll } from './charts.js';
import { Labels } from './labels.js';
import * as overview from './views/overview.js';
import * as districts from './views/districts.js';
import * as finance from './views/finance.js';
import * as auditor from './views/auditor.js';
import * as deadLetters from './deadletters.js';
import * as dateFields from './datefields.js';
import { Session } from './session.js';

const REFRESH_MS = 5_000;
const views = { overview, districts, finance, auditor };

const state = {
  view: null,
  requested: null,
  labels: null,
  session: null,
  timer: null,
  refreshing: false,
  again: false,
};

const $ = (id) => document.getElementById(id);

function showLogin(message = '') {
  stopPolling();
  $('login').hidden = false;
  $('tabs').hidden = true;
  $('session').hidden = true;
  $('dead-letters').hidden = true;
  Object.keys(views).forEach((name) => { $(`view-${name}`).hidden = true; });
  banner('');
  $('login-error').textContent = message;
  $('username').focus();
}

function banner(message, kind = 'error') {
  const element = $('banner');
  element.hidden = !message;
  element.className = `banner ${kind}`;
  element.textContent = message;
}

async function start(reference) {
  let me;
  try {
    me = await api.get('api/me');
  } catch (error) {
    if (error.status === 403) {
      api.logout();
      showLogin('该用户无权使用看板');
      return;
    }
    throw error;
  }
  state.labels = new Labels(reference);
  state.session = new Session(me);
  $('login').hidden = true;
  $('tabs').hidden = false;
  $('session').hidden = false;
  $('user').textContent = state.session.user;
  $('role').textContent = state.session.displayName;
  document.body.dataset.role = state.session.role ?? '';
  arrangeTabs(state.session);
  Object.entries(views).forEach(([name, view]) => {
    if (state.session.mayUse(name)) view.init?.(context());
  });
  const wanted = state.requested ?? location.hash.slice(1);
  state.requested = null;
  await show(state.session.mayUse(wanted) ? wanted : state.session.landing());
  startPolling();
}

/** Only the tabs the role may use, its landing view first; the others are gone, not just disabled. */
function arrangeTabs(session) {
  const tabs = $('tabs');
  const buttons = new Map([...tabs.querySelectorAll('button[data-view]')].map((b) => [b.dataset.view, b]));
  buttons.forEach((button, name) => {
    button.dataset.label ??= button.textContent;
    button.hidden = !session.mayUse(name);
    button.textContent = session.tabLabel(name, button.dataset.label);
  });
  session.views().forEach((name) => tabs.append(buttons.get(name)));
}

function context() {
  return { labels: state.labels, session: state.session, banner, refresh: () => refresh() };
}

async function show(name) {
  if (!state.session?.mayUse(name)) return;
  state.view = name;
  document.querySelectorAll('#tabs button').forEach((button) => {
    button.classList.toggle('active', button.dataset.view === name);
  });
  Object.keys(views).forEach((view) => { $(`view-${view}`).hidden = view !== name; });
  if (location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
  await refresh();
  resizeAll();
}

async function refresh() {
  if (!api.hasCredentials() || !state.view) return;
  if (state.refreshing) {
    // A change made while a refresh is under way gets a refresh of its own right after it.
    state.again = true;
    return;
  }
  state.refreshing = true;
  state.again = false;
  const view = state.view;
  try {
    await views[view].refresh(context());
    markOwnDistrict();
    if (state.session.role === 'ADMIN') await deadLetters.refresh($('dead-letters'));
    banner('');
    $('refreshed').textContent = `更新于 ${clock()}`;
    $('refreshed').dataset.at = new Date().toISOString();
    $('refreshed').dataset.view = view;
  } catch (error) {
    if (error.status !== 401) {
      banner(error.status === 403 ? `当前用户无权查看此页面（${esc(error.code || 'FORBIDDEN')}）` : `数据加载失败：${error.message}`);
    }
  } finally {
    state.refreshing = false;
  }
  if (state.again) await refresh();
}

/** A district officer's own district stands out wherever a view lists districts. */
function markOwnDistrict() {
  const own = state.session?.fixedDistrict();
  document.querySelectorAll('main [data-district]').forEach((element) => {
    element.classList.toggle('own-district', own !== null && element.dataset.district === own);
  });
}

function startPolling() {
  stopPolling();
  state.timer = setInterval(() => {
    if (!document.hidden) refresh();
  }, REFRESH_MS);
}

function stopPolling() {
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
}

function wire() {
  api.setUnauthenticatedHandler(() => showLogin('登录已失效，请重新登录'));

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-error').textContent = '';
    $('login-submit').disabled = true;
    try {
      const reference = await api.login($('username').value.trim(), $('password').value);
      $('password').value = '';
      await start(reference);
    } catch (error) {
      $('login-error').textContent = error.status === 401 ? '用户名或密码错误'
        : error.status === 403 ? '该用户无权使用看板' : `登录失败：${error.message}`;
    } finally {
      $('login-submit').disabled = false;
    }
  });

  $('logout').addEventListener('click', () => {
    api.logout();
    state.session = null;
    state.view = null;
    showLogin();
  });

  // A ledger row (or any other view) asks to open an application: in the application view if the role may use
  // it, which shows what the role may read (the timeline only where /history is allowed).
  document.addEventListener('open-application', async (event) => {
    if (!state.session?.mayUse('auditor')) return;
    await show('auditor');
    await auditor.openApplication(event.detail);
  });

  // Views redraw their tables; the own district's mark follows them.
  new MutationObserver(() => { if (state.session?.fixedDistrict()) markOwnDistrict(); }).observe(document.querySelector('main'), { childList: true, subtree: true });
  dateFields.install(document);

  $('tabs').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-view]');
    if (button) show(button.dataset.view);
  });
}

async function boot() {
  wire();
  const fromHash = location.hash.slice(1);
  if (views[fromHash]) state.requested = fromHash;
  if (!api.hasCredentials()) {
    showLogin();
    return;
  }
  try {
    await start(await api.get('api/reference'));
  } catch (error) {
    if (error.status !== 401) showLogin(`加载失败：${error.message}`);
  }
}

boot();
