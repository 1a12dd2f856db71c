// The dashboard's shell: login, tabs, reference labels and the polling that keeps the open view current.

import * as api from './api.js';
import { clock, esc } from './format.js';
import { resizeAll } from './charts.js';
import { Labels } from './labels.js';
import * as overview from './views/overview.js';
import * as districts from './views/districts.js';
import * as finance from './views/finance.js';
import * as auditor from './views/auditor.js';
import * as deadLetters from './deadletters.js';

const REFRESH_MS = 5_000;
const views = { overview, districts, finance, auditor };

const state = {
  view: 'overview',
  labels: null,
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
  state.labels = new Labels(reference);
  $('login').hidden = true;
  $('tabs').hidden = false;
  $('session').hidden = false;
  $('user').textContent = api.username();
  Object.values(views).forEach((view) => view.init?.(context()));
  await show(state.view);
  startPolling();
}

function context() {
  return { labels: state.labels, banner, refresh: () => refresh() };
}

async function show(name) {
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
  if (!api.hasCredentials()) return;
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
    await deadLetters.refresh($('dead-letters'));
    banner('');
    $('refreshed').textContent = `更新于 ${clock()}`;
    $('refreshed').dataset.at = new Date().toISOString();
  } catch (error) {
    if (error.status !== 401) {
      banner(error.status === 403 ? `当前用户无权查看此页面（${esc(error.code || 'FORBIDDEN')}）` : `数据加载失败：${error.message}`);
    }
  } finally {
    state.refreshing = false;
  }
  if (state.again) await refresh();
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
      $('login-error').textContent = error.status === 401 ? '用户名或密码错误' : `登录失败：${error.message}`;
    } finally {
      $('login-submit').disabled = false;
    }
  });

  $('logout').addEventListener('click', () => {
    api.logout();
    showLogin();
  });

  $('tabs').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-view]');
    if (button) show(button.dataset.view);
  });
}

async function boot() {
  wire();
  const fromHash = location.hash.slice(1);
  if (views[fromHash]) state.view = fromHash;
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
