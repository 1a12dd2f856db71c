// 审计查询: find an application by id, credit code or name; show its state, its event timeline (who,
// when, what) and the state it had at any chosen instant.

import * as api from '../api.js';
import * as proof from '../audit-proof.js';
import * as applications from '../applications.js';
import {
  beijingToIso, count, esc, EVENT, instant, isoToBeijingLocal, STATUS, TIER, yuan,
} from '../format.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_RESULTS = 50;

const $ = (id) => document.getElementById(id);
let selected = null;
let labelsRef = null;

export function init({ labels, banner }) {
  labelsRef = labels;
  proof.init($('application-detail'), () => selected, banner);
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    search($('search-input').value.trim());
  });
  $('search-results').addEventListener('click', (event) => {
    const item = event.target.closest('[data-id]');
    if (item) open(item.dataset.id);
  });
  $('application-detail').addEventListener('submit', (event) => {
    if (event.target.id !== 'as-of-form') return;
    event.preventDefault();
    const local = $('as-of-input').value;
    if (local) showAsOf(beijingToIso(local));
  });
  $('application-detail').addEventListener('click', (event) => {
    const button = event.target.closest('[data-as-of]');
    if (!button) return;
    $('as-of-input').value = isoToBeijingLocal(button.dataset.asOf);
    showAsOf(button.dataset.asOf);
  });
  document.addEventListener('open-application', (event) => {
    document.querySelector('#tabs button[data-view="auditor"]').click();
    $('search-input').value = event.detail;
    search(event.detail);
  });
}

export async function refresh() {
  if (selected) await loadCurrent(selected);
}

function applicantName(app) {
  return app.applicantName ?? app.applicant?.name ?? '';
}

function matches(app, query) {
  const q = query.toLowerCase();
  return app.id?.toLowerCase().startsWith(q)
    || app.creditCode?.toLowerCase().includes(q)
    || app.projectName?.toLowerCase().includes(q)
    || applicantName(app).toLowerCase().includes(q);
}

async function search(query) {
  const status = $('search-status');
  if (!query) return;
  status.textContent = '查询中…';
  try {
    let found;
    if (UUID.test(query)) {
      found = [await api.get(`api/applications/${encodeURIComponent(query)}`)];
    } else {
      const { items } = await applications.all({ force: true });
      found = items.filter((app) => matches(app, query));
    }
    status.textContent = `找到 ${count(found.length)} 个申请${found.length > MAX_RESULTS ? `，显示前 ${MAX_RESULTS} 个` : ''}`;
    renderResults(found.slice(0, MAX_RESULTS));
    if (found.length === 1) await open(found[0].id);
  } catch (error) {
    status.textContent = error.status === 404 ? '没有此编号的申请' : error.status === 403 ? '无权查看此申请' : `查询失败：${error.message}`;
    renderResults([]);
  }
}

function renderResults(found) {
  $('search-results').innerHTML = found.length === 0
    ? '<li class="muted">无结果</li>'
    : found.map((app) => `<li data-id="${esc(app.id)}" class="${app.id === selected ? 'selected' : ''}" tabindex="0">
        <div class="result-name">${esc(app.projectName)}</div>
        <div class="result-meta">${esc(applicantName(app))} · ${esc(app.creditCode)}</div>
        <div class="result-meta">${esc(app.direction)} · ${esc(labelsRef.district(app.district))} · <span class="status status-${esc(app.status)}">${STATUS[app.status] ?? esc(app.status)}</span></div>
      </li>`).join('');
}

async function open(id) {
  selected = id;
  document.querySelectorAll('#search-results li').forEach((li) => li.classList.toggle('selected', li.dataset.id === id));
  $('application-detail').innerHTML = `
    <div class="grid two">
      <div class="card" id="current-state"><h2>当前状态</h2><p class="muted">加载中…</p></div>
      <div class="card">
        <h2>历史时点状态</h2>
        <form id="as-of-form" class="toolbar inline">
          <label>时点（北京时间）<input type="datetime-local" step="1" id="as-of-input" data-testid="as-of-input" required></label>
          <button type="submit" id="as-of-submit">查看</button>
        </form>
        <div id="as-of-state"><p class="muted">选择一个时点，或在时间线上点击“此刻状态”。</p></div>
      </div>
    </div>
    <div class="card">
      <h2>事件时间线 <small>全部事件，最早在前；时间为北京时间</small> ${proof.bundleButton()}</h2>
      <ol class="timeline" id="timeline" data-testid="timeline"></ol>
    </div>`;
  await loadCurrent(id);
}

async function loadCurrent(id) {
  const [current, history] = await Promise.allSettled([
    api.get(`api/applications/${encodeURIComponent(id)}`),
    api.get(`api/applications/${encodeURIComponent(id)}/history`),
  ]);
  if (selected !== id) return;
  const stateCard = $('current-state');
  // Polling must not redraw (and so collapse or scroll) what has not changed.
  const fingerprint = JSON.stringify([current.value ?? current.reason?.status, history.value ?? history.reason?.status]);
  if (stateCard.dataset.fingerprint === fingerprint) {
    proof.verifyTimeline($('timeline'), id, { onlyIfPending: true });
    return;
  }
  stateCard.dataset.fingerprint = fingerprint;
  if (current.status === 'fulfilled') {
    stateCard.innerHTML = `<h2>当前状态 <span class="status status-${esc(current.value.status)}">${STATUS[current.value.status] ?? esc(current.value.status)}</span></h2>
      ${stateList(current.value, 'current')}`;
  } else {
    stateCard.innerHTML = `<h2>当前状态</h2><p class="error">${failure(current.reason)}</p>`;
  }
  const timeline = $('timeline');
  if (history.status === 'fulfilled') {
    const events = history.value.events || [];
    timeline.innerHTML = events.map(eventItem).join('');
    timeline.dataset.events = String(events.length);
    proof.verifyTimeline(timeline, id);
    if (!$('as-of-input').value && events.length) $('as-of-input').value = isoToBeijingLocal(events[events.length - 1].timestamp);
  } else {
    timeline.innerHTML = `<li class="error">${failure(history.reason)}</li>`;
  }
}

function failure(error) {
  if (error?.status === 403) return '当前用户无权查看（FORBIDDEN）';
  if (error?.status === 404) return '没有此申请（NOT_FOUND）';
  return esc(error?.message ?? error);
}

async function showAsOf(iso) {
  const target = $('as-of-state');
  target.innerHTML = '<p class="muted">加载中…</p>';
  try {
    const app = await api.get(`api/applications/${encodeURIComponent(selected)}/as-of`, { at: iso });
    target.innerHTML = `<p class="muted" data-testid="as-of-at">截至 ${instant(iso)} 的状态：
        <span class="status status-${esc(app.status)}">${STATUS[app.status] ?? esc(app.status)}</span></p>
      ${stateList(app, 'as-of')}`;
  } catch (error) {
    target.innerHTML = error.status === 404
      ? `<p class="muted" data-testid="as-of-at">${instant(iso)} 时该申请尚未提交。</p>`
      : `<p class="error">${failure(error)}</p>`;
  }
}

function stateList(app, testId) {
  const row = (label, field, value) => `<dt>${label}</dt><dd data-field="${field}">${value}</dd>`;
  return `<dl class="facts wide" data-testid="state-${testId}">
    ${row('项目名称', 'projectName', esc(app.projectName))}
    ${applicantName(app) ? row('申报单位', 'applicantName', esc(applicantName(app))) : ''}
    ${row('申请编号', 'id', `<code>${esc(app.id)}</code>`)}
    ${row('统一社会信用代码', 'creditCode', `<code>${esc(app.creditCode)}</code>`)}
    ${row('支持方向', 'direction', `${esc(app.direction)} ${esc(labelsRef.direction(app.direction))}`)}
    ${row('所在区', 'district', esc(labelsRef.district(app.district)))}
    ${row('状态', 'status', STATUS[app.status] ?? esc(app.status))}
    ${app.submittedAt ? row('提交时间', 'submittedAt', instant(app.submittedAt)) : ''}
    ${app.updatedAt ? row('最近变更', 'updatedAt', instant(app.updatedAt)) : ''}
    ${row('支持类别', 'tier', app.tier ? (TIER[app.tier] ?? esc(app.tier)) : '—')}
    ${row('评审得分', 'score', app.score ?? '—')}
    ${row('可支持投资（元）', 'eligibleInvestment', yuan(app.eligibleInvestment))}
    ${row('申请专项资金（元）', 'requestedSpecialFunds', yuan(app.requestedSpecialFunds))}
    ${row('立项资金（元）', 'awardedAmount', yuan(app.awardedAmount))}
    ${row('补齐差额（元）', 'topUpAmount', yuan(app.topUpAmount))}
    ${row('支持资金合计（元）', 'totalSupport', yuan(app.totalSupport))}
    ${row('其中市级（元）', 'municipalShare', yuan(app.municipalShare))}
    ${row('其中区级（元）', 'districtShare', yuan(app.districtShare))}
  </dl>`;
}

/** What an event says, in a line: the figures an auditor checks first. */
function summary(type, p = {}) {
  switch (type) {
    case 'ApplicationSubmitted': {
      const form = p.form || {};
      return `${esc(form.applicant?.name ?? '')} 申报「${esc(form.projectName ?? '')}」，方向 ${esc(form.direction ?? '')}，`
        + `可支持投资 ${yuan(p.eligibleInvestment)} 元，申请专项资金 ${yuan(p.requestedSpecialFunds)} 元`
        + (p.claimableTier ? `，可申报${TIER[p.claimableTier] ?? esc(p.claimableTier)}` : '');
    }
    case 'DistrictApproved':
      return `${esc(labelsRef.district(p.district))}审核通过，${p.matchingCommitted ? '承诺1:1配套' : '未承诺配套'}${p.comment ? `：${esc(p.comment)}` : ''}`;
    case 'DistrictRejected':
      return `${esc(labelsRef.district(p.district))}审核未通过${p.comment ? `：${esc(p.comment)}` : ''}`;
    case 'ApplicationScored':
      return `评审得分 ${esc(p.score)}${p.reviewer ? `（${esc(p.reviewer)}）` : ''}`;
    case 'ApplicationAwarded':
      return `${TIER[p.tier] ?? esc(p.tier)}，支持 ${yuan(p.amount)} 元（市级 ${yuan(p.municipalShare)}，区级 ${yuan(p.districtShare)}）`;
    case 'ApplicationNotSelected':
      return `未入选${p.reason ? `：${esc(p.reason)}` : ''}`;
    case 'AwardToppedUp':
      return `补齐差额 ${yuan(p.topUpAmount)} 元（市级 ${yuan(p.municipalShare)}，区级 ${yuan(p.districtShare)}），支持资金合计 ${yuan(p.totalSupport)} 元`;
    default:
      return '';
  }
}

function eventItem(event) {
  return `<li data-sequence="${esc(event.sequence)}" data-type="${esc(event.type)}">
    <div class="event-head">
      <span class="event-type">${EVENT[event.type] ?? esc(event.type)}</span>
      <time datetime="${esc(event.timestamp)}">${instant(event.timestamp)}</time>
      <span class="event-actor" data-field="actor">${esc(event.actor ?? '—')}</span>
      ${proof.eventBadges(event)}
      <button type="button" class="link" data-as-of="${esc(event.timestamp)}">此刻状态</button>
    </div>
    <div class="event-summary">${summary(event.type, event.payload)}</div>
    <details><summary>#${esc(event.sequence)} ${esc(event.type)} · 关联号 <code>${esc(event.correlationId ?? '')}</code></summary>
      <pre>${esc(JSON.stringify(event.payload, null, 2))}</pre></details>
  </li>`;
}
