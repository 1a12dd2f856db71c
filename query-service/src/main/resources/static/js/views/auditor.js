// 审计查询 (项目查询 / 本区项目 for the roles that may not read histories): the applications a page at a time,
// searched and filtered by the server (direction, district, status, submission dates, text), and one application
// in detail: its state, the award computation written out, its budget and materials, its state at any instant
// and its event timeline, each only where the user's role may read it.

import * as api from '../api.js';
import * as proof from '../audit-proof.js';
import * as applications from '../applications.js';
import { compute, fenText, percent } from '../award.js';
import {
  beijingToIso, count, day, endOfBeijingDayIso, esc, instant, isoToBeijingLocal, startOfBeijingDayIso, STATUS,
  TIER, toFen, yuan,
} from '../format.js';
import { markAsOf, renderTimeline } from '../timeline.js';

const PAGE_SIZES = [20, 50, 100, 200];

const $ = (id) => document.getElementById(id);
let selected = null;
let labelsRef = null;
let session = null;
const list = { page: 0, size: 50, filter: {}, total: 0, loaded: false };

export function init({ labels, session: current, banner }) {
  labelsRef = labels;
  session = current;
  fillFilters();
  list.page = 0;
  list.filter = filterFromForm();
  list.loaded = false;
  selected = null;
  $('search-results').innerHTML = '';
  $('application-detail').innerHTML = '';
  if ($('search-form').dataset.wired) return;
  $('search-form').dataset.wired = 'true';
  proof.init($('application-detail'), () => selected, banner);
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    list.page = 0;
    list.filter = filterFromForm();
    loadPage({ openSingle: true });
  });
  $('search-reset').addEventListener('click', () => {
    $('search-form').reset();
    fillFilters();
    list.page = 0;
    list.filter = filterFromForm();
    loadPage();
  });
  $('page-previous').addEventListener('click', () => { list.page = Math.max(0, list.page - 1); loadPage(); });
  $('page-next').addEventListener('click', () => { list.page += 1; loadPage(); });
  $('page-size').addEventListener('change', () => {
    list.size = Number($('page-size').value);
    list.page = 0;
    loadPage();
  });
  $('search-results').addEventListener('click', (event) => {
    const item = event.target.closest('[data-id]');
    if (item) open(item.dataset.id);
  });
  $('search-results').addEventListener('keydown', (event) => {
    const item = event.target.closest('[data-id]');
    if (item && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      open(item.dataset.id);
    }
  });
  $('application-detail').addEventListener('submit', (event) => {
    if (event.target.id !== 'as-of-form') return;
    event.preventDefault();
    const local = $('as-of-input').value;
    if (local && !$('as-of-input').classList.contains('invalid')) showAsOf(beijingToIso(local));
  });
  $('application-detail').addEventListener('click', (event) => {
    const button = event.target.closest('[data-as-of]');
    if (!button) return;
    $('as-of-input').value = isoToBeijingLocal(button.dataset.asOf);
    showAsOf(button.dataset.asOf);
  });
}

/** Opens one application from elsewhere (a ledger row); the caller has switched to this view. */
export async function openApplication(id) {
  await open(id);
}

export async function refresh() {
  if (!list.loaded) await loadPage();
  if (selected) await loadCurrent(selected);
}

function options(select, entries, all) {
  const current = select.value;
  select.innerHTML = `<option value="">${all}</option>${entries.map(([code, name]) => `<option value="${esc(code)}">${esc(name)}</option>`).join('')}`;
  select.value = current;
}

function fillFilters() {
  options($('filter-direction'), [...labelsRef.directions].map(([code, name]) => [code, `${code} ${name}`]), '全部方向');
  options($('filter-district'), [...labelsRef.districts], '全部区');
  options($('filter-status'), Object.entries(STATUS), '全部状态');
  const fixed = session.fixedDistrict();
  $('filter-district').disabled = fixed !== null;
  if (fixed) $('filter-district').value = fixed;
  $('page-size').innerHTML = PAGE_SIZES.map((n) => `<option value="${n}">每页 ${n} 个</option>`).join('');
  $('page-size').value = String(list.size);
}

function filterFromForm() {
  const from = $('filter-from').value;
  const to = $('filter-to').value;
  return {
    q: $('search-input').value.trim(),
    direction: $('filter-direction').value,
    district: session.fixedDistrict() ?? $('filter-district').value,
    status: $('filter-status').value,
    submittedFrom: from && !$('filter-from').classList.contains('invalid') ? startOfBeijingDayIso(from) : '',
    submittedTo: to && !$('filter-to').classList.contains('invalid') ? endOfBeijingDayIso(to) : '',
  };
}

async function loadPage({ openSingle = false } = {}) {
  const status = $('search-status');
  status.textContent = '查询中…';
  try {
    const body = await api.get('api/applications', { ...list.filter, page: list.page, size: list.size });
    const items = body.items || [];
    applications.remember(items);
    list.total = body.total ?? items.length;
    list.loaded = true;
    const pages = Math.max(1, Math.ceil(list.total / list.size));
    if (list.page >= pages && list.total > 0) {
      list.page = pages - 1;
      await loadPage();
      return;
    }
    status.textContent = `共 ${count(list.total)} 个`;
    status.dataset.total = String(list.total);
    renderResults(items);
    $('page-label').textContent = `第 ${count(list.page + 1)} / ${count(pages)} 页`;
    $('page-label').dataset.page = String(list.page);
    $('page-previous').disabled = list.page === 0;
    $('page-next').disabled = list.page + 1 >= pages;
    if (openSingle && items.length === 1 && list.total === 1) await open(items[0].id);
  } catch (error) {
    if (error.status === 401) return;
    status.textContent = `查询失败：${error.message}`;
    status.dataset.total = '';
    renderResults([]);
  }
}

function renderResults(found) {
  $('search-results').innerHTML = found.length === 0
    ? '<li class="muted">无符合条件的申报项目</li>'
    : found.map((app, i) => `<li data-id="${esc(app.id)}" data-index="${list.page * list.size + i}" class="${app.id === selected ? 'selected' : ''}" tabindex="0">
        <div class="result-name">${esc(app.projectName)}</div>
        <div class="result-meta">${esc(app.applicantName ?? '')} · <code>${esc(app.creditCode)}</code></div>
        <div class="result-meta">${esc(app.direction)} · ${esc(labelsRef.district(app.district))} · ${instant(app.submittedAt).slice(0, 10)} ·
          <span class="status status-${esc(app.status)}">${STATUS[app.status] ?? esc(app.status)}</span></div>
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
          <label>时点（北京时间）<input id="as-of-input" data-datetime data-testid="as-of-input" required
            placeholder="年-月-日 时:分:秒" autocomplete="off" inputmode="numeric" size="19"></label>
          <button type="submit" id="as-of-submit">查看</button>
          <span class="muted">只填日期即为当日24时</span>
        </form>
        <div id="as-of-state"><p class="muted">填写一个时点，或在时间线上点击“此刻状态”。</p></div>
      </div>
    </div>
    <div class="card" id="award-computation" data-testid="award-computation"><h2>支持资金测算</h2></div>
    <div class="card" id="budget" data-testid="budget"><h2>项目预算与申报材料</h2></div>
    <div class="card" id="timeline-card">
      <h2>事件时间线 <small>全部事件，最早在前；时间为北京时间</small> ${proof.bundleButton()}</h2>
      <ol class="timeline" id="timeline" data-testid="timeline"></ol>
    </div>`;
  await loadCurrent(id);
  $('application-detail').scrollIntoView?.({ block: 'start' });
}

async function loadCurrent(id) {
  const current = await api.get(`api/applications/${encodeURIComponent(id)}`).then(
    (value) => ({ status: 'fulfilled', value }), (reason) => ({ status: 'rejected', reason }));
  const historyAllowed = current.status === 'fulfilled' && session.mayReadHistory(current.value.district);
  const history = historyAllowed
    ? await api.get(`api/applications/${encodeURIComponent(id)}/history`).then(
      (value) => ({ status: 'fulfilled', value }), (reason) => ({ status: 'rejected', reason }))
    : null;
  if (selected !== id) return;
  const stateCard = $('current-state');
  // Polling must not redraw (and so collapse or scroll) what has not changed.
  const fingerprint = JSON.stringify([current.value ?? current.reason?.status, history?.value ?? history?.reason?.status]);
  if (stateCard.dataset.fingerprint === fingerprint) {
    if (history) proof.verifyTimeline($('timeline'), id, { onlyIfPending: true });
    return;
  }
  stateCard.dataset.fingerprint = fingerprint;
  if (current.status !== 'fulfilled') {
    stateCard.innerHTML = `<h2>当前状态</h2><p class="error">${failure(current.reason)}</p>`;
    return;
  }
  const app = current.value;
  applications.remember([app]);
  stateCard.innerHTML = `<h2>当前状态 <span class="status status-${esc(app.status)}">${STATUS[app.status] ?? esc(app.status)}</span></h2>
    ${stateList(app, 'current')}`;
  $('award-computation').innerHTML = `<h2>支持资金测算 <small>按申报指南规则计算，单位：元</small></h2>${computation(app)}`;
  const timeline = $('timeline');
  if (!history) {
    $('timeline-card').hidden = true;
    $('budget').innerHTML = `<h2>项目预算与申报材料</h2>
      <p class="muted" data-testid="budget-unavailable">预算明细与事件记录仅审计、项目管理和本区主管部门可查看；以上为本项目的台账数据。</p>`;
    return;
  }
  $('timeline-card').hidden = false;
  if (history.status === 'fulfilled') {
    const events = history.value.events || [];
    renderTimeline(timeline, events, labelsRef);
    proof.verifyTimeline(timeline, id);
    const submitted = events.find((e) => e.type === 'ApplicationSubmitted');
    $('budget').innerHTML = submitted ? budget(submitted.payload) : '<h2>项目预算与申报材料</h2><p class="muted">无申报记录</p>';
    if (!$('as-of-input').value && events.length) $('as-of-input').value = isoToBeijingLocal(events[events.length - 1].timestamp);
  } else {
    timeline.innerHTML = `<li class="error">${failure(history.reason)}</li>`;
  }
}

function failure(error) {
  if (error?.status === 403) return `当前用户无权查看：${esc(error.message)}`;
  if (error?.status === 404) return `没有此申请：${esc(error.message)}`;
  return esc(error?.message ?? error);
}

async function showAsOf(iso) {
  const target = $('as-of-state');
  target.innerHTML = '<p class="muted">加载中…</p>';
  markAsOf($('timeline'), iso);
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
    ${app.applicantName ? row('申报单位', 'applicantName', esc(app.applicantName)) : ''}
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
    ${app.municipalPaid !== undefined ? row('市级已拨付（元）', 'municipalPaid', yuan(app.municipalPaid)) : ''}
    ${app.districtPaid !== undefined ? row('区级已拨付（元）', 'districtPaid', yuan(app.districtPaid)) : ''}
  </dl>`;
}

/** The award computation written out, each figure with a data-field for checking, and its match with the ledger. */
function computation(app) {
  const c = compute(app, labelsRef.tiers);
  if (!c) return '<p class="muted">无支持类别规则</p>';
  const y = (fen, field) => `<span class="num" data-field="${field}">${yuan(fenText(fen))}</span>`;
  const agrees = (fen, ledger) => (toFen(ledger) === fen
    ? '<span class="ok" data-field="agrees">✓ 与台账一致</span>'
    : `<span class="error" data-field="disagrees">✗ 台账为 ${yuan(ledger)} 元</span>`);
  const tierName = TIER[c.tier.code] ?? c.tier.code;
  const lines = [
    `<dt>支持类别</dt><dd data-field="computationTier">${c.decided ? '' : '可申报 '}${esc(tierName)}（可支持投资的 ${percent(c.tier.rate)}，最高 ${yuan(c.tier.cap)} 元）</dd>`,
    `<dt>可支持投资 × ${percent(c.tier.rate)}</dt><dd>${yuan(fenText(c.eligible))} × ${percent(c.tier.rate)} = ${y(c.byRate, 'byRate')}</dd>`,
    `<dt>上限</dt><dd>min(${yuan(fenText(c.byRate))}, ${yuan(c.tier.cap)}) = ${y(c.ceiling, 'ceiling')}</dd>`,
    `<dt>${c.decided ? '立项资金' : '若立项，支持资金'}</dt><dd>min(申请 ${yuan(fenText(c.requested))}, 上限 ${yuan(fenText(c.ceiling))}) = ${y(c.amount, 'amount')}
      ${c.decided ? agrees(c.amount, app.awardedAmount) : ''}</dd>`,
    `<dt>市区分担（1:1）</dt><dd>区级 ⌊${yuan(fenText(c.amount))} ÷ 2⌋ = ${y(c.shares.district, 'districtPart')}；市级 ${yuan(fenText(c.amount))} − ${yuan(fenText(c.shares.district))} = ${y(c.shares.municipal, 'municipalPart')}</dd>`,
  ];
  if (c.topUp) {
    lines.push(
      `<dt>工信部试点示范上限</dt><dd>min(${yuan(fenText(c.eligible))} × ${percent(c.topUp.tier.rate)} = ${yuan(fenText(c.topUp.byRate))}, ${yuan(c.topUp.tier.cap)}) = ${y(c.topUp.ceiling, 'topUpCeiling')}</dd>`,
      `<dt>补齐差额</dt><dd>${yuan(fenText(c.topUp.ceiling))} − ${yuan(fenText(c.amount))} = ${y(c.topUp.amount, 'topUp')} ${agrees(c.topUp.amount, app.topUpAmount)}</dd>`,
      `<dt>补齐差额分担</dt><dd>区级 ${y(c.topUp.shares.district, 'topUpDistrictPart')}；市级 ${y(c.topUp.shares.municipal, 'topUpMunicipalPart')}</dd>`,
    );
  }
  if (c.decided) {
    lines.push(`<dt>支持资金合计</dt><dd>${y(c.total, 'total')}（市级 ${y(c.municipal, 'municipal')}，区级 ${y(c.district, 'district')}）
      ${toFen(app.totalSupport) === c.total && toFen(app.municipalShare) === c.municipal && toFen(app.districtShare) === c.district
    ? '<span class="ok" data-field="totalAgrees">✓ 与台账一致</span>'
    : `<span class="error" data-field="totalDisagrees">✗ 台账为 ${yuan(app.totalSupport)} 元（市级 ${yuan(app.municipalShare)}，区级 ${yuan(app.districtShare)}）</span>`}</dd>`);
  }
  return `<dl class="facts wide computation">${lines.join('')}</dl>`;
}

function sumFen(rows, key) {
  return rows.reduce((sum, row) => sum + toFen(row[key]), 0n);
}

/** The budget as filed (附件9-1): funding by year, expenditures by category with §6's excluded ones, materials. */
function budget(payload) {
  const form = payload.form || {};
  const funding = [...(form.funding || [])].sort((a, b) => a.year - b.year);
  const lines = form.expenditures || [];
  const total = sumFen(lines, 'amount');
  const eligible = sumFen(lines.filter((e) => !labelsRef.excluded(e.category)), 'amount');
  const excluded = total - eligible;
  const fundingTable = `<table class="data compact" data-testid="funding-table">
    <thead><tr><th>年度</th><th class="num">投资合计</th><th class="num">自筹资金</th><th class="num">申请专项资金</th></tr></thead>
    <tbody>${funding.map((f) => `<tr data-year="${esc(f.year)}"><td>${esc(f.year)} 年</td>
      <td class="num" data-field="total">${yuan(f.total)}</td><td class="num" data-field="selfRaised">${yuan(f.selfRaised)}</td>
      <td class="num" data-field="specialFunds">${yuan(f.specialFunds)}</td></tr>`).join('')}</tbody>
    <tfoot><tr><td>合计</td><td class="num" data-field="total">${yuan(fenText(sumFen(funding, 'total')))}</td>
      <td class="num" data-field="selfRaised">${yuan(fenText(sumFen(funding, 'selfRaised')))}</td>
      <td class="num" data-field="specialFunds">${yuan(fenText(sumFen(funding, 'specialFunds')))}</td></tr></tfoot></table>`;
  const expenditureTable = `<table class="data compact" data-testid="expenditure-table">
    <thead><tr><th>支出类别</th><th class="num">金额</th><th class="num">申请专项资金</th><th class="num">计入可支持投资</th><th>测算依据</th></tr></thead>
    <tbody>${lines.map((e) => {
    const out = labelsRef.excluded(e.category);
    return `<tr data-category="${esc(e.category)}" class="${out ? 'excluded' : ''}">
      <td>${esc(labelsRef.category(e.category))}${out ? ' <span class="tag" data-field="excluded">不予支持</span>' : ''}</td>
      <td class="num" data-field="amount">${yuan(e.amount)}</td><td class="num" data-field="specialFunds">${yuan(e.specialFunds)}</td>
      <td class="num" data-field="eligible">${out ? '—' : yuan(e.amount)}</td><td class="basis">${esc(e.basis ?? '')}</td></tr>`;
  }).join('')}</tbody>
    <tfoot><tr><td>合计</td><td class="num" data-field="total">${yuan(fenText(total))}</td>
      <td class="num" data-field="specialFunds">${yuan(fenText(sumFen(lines, 'specialFunds')))}</td>
      <td class="num" data-field="eligible">${yuan(fenText(eligible))}</td><td></td></tr></tfoot></table>`;
  const materials = (form.materials || []).map((m) => `<li data-material="${esc(m)}">${esc(labelsRef.material(m))}</li>`).join('');
  const agrees = toFen(payload.eligibleInvestment) === eligible
    ? '<span class="ok">✓ 与台账一致</span>'
    : `<span class="error">✗ 台账为 ${yuan(payload.eligibleInvestment)} 元</span>`;
  const pilot = form.miitPilot
    ? `${esc(form.miitPilot.year)} 年工信部试点示范（${form.miitPilot.leadApplicant ? '牵头申报单位' : '非牵头单位'}）` : '无';
  return `<h2>项目预算与申报材料 <small>按申报时的附件9-1，单位：元</small></h2>
    <dl class="facts investment" data-testid="investment">
      <dt>总投资</dt><dd data-field="totalInvestment">${yuan(fenText(total))}</dd>
      <dt>其中不予支持的支出</dt><dd data-field="excludedInvestment">${yuan(fenText(excluded))}</dd>
      <dt>可支持投资</dt><dd><span data-field="eligibleInvestment">${yuan(fenText(eligible))}</span> ${agrees}</dd>
      <dt>建设情况</dt><dd>${form.constructionStatus === 'COMPLETED' ? '已建成' : '在建'}，${day(form.constructionStart)} 至 ${day(form.constructionEnd)}</dd>
      <dt>工信部试点示范</dt><dd>${pilot}</dd>
    </dl>
    <div class="grid two budget">
      <div><h3>资金来源（按年度）</h3><div class="table-wrap">${fundingTable}</div></div>
      <div><h3>申报材料</h3><ul class="materials" data-testid="materials">${materials || '<li class="muted">无</li>'}</ul></div>
    </div>
    <h3>支出明细（按类别） <small class="muted">数字化生产装备、试验测试仪器和房屋土建改造计入总投资，不计入可支持投资，不得申请专项资金</small></h3>
    <div class="table-wrap">${expenditureTable}</div>`;
}
