// 各区情况: what each district's projects received, the municipal part, the district's 1:1 matching
// obligation and the exposure still pending on undecided applications; how much of the matching funds each
// district has paid (§8), and for a district officer the form that records the district's payments.

import * as api from '../api.js';
import * as payments from '../payments.js';
import { chart, PALETTE, TEXT } from '../charts.js';
import { count, esc, toFen, unchanged, wanNumber, yuan } from '../format.js';

const COLUMNS = [
  ['awardedProjects', '立项项目数', 'count'],
  ['totalSupport', '支持资金合计', 'money'],
  ['municipalShare', '市级资金', 'money'],
  ['matchingObligation', '区级配套义务', 'money'],
  ['pendingExposure', '待决定项目区级配套敞口', 'money'],
];

const sorting = { key: 'totalSupport', descending: true };
let latest = [];
let labelsRef = null;

const $ = (id) => document.getElementById(id);

export function init() {
  $('districts-table').addEventListener('click', (event) => {
    const header = event.target.closest('th[data-sort]');
    if (!header) return;
    const key = header.dataset.sort;
    sorting.descending = sorting.key === key ? !sorting.descending : key !== 'name';
    sorting.key = key;
    renderTable();
  });
}

export async function refresh(context) {
  const { labels } = context;
  const body = await api.get('api/dashboard/districts');
  await refreshMatching(context, body.districts || []);
  if (unchanged('districts', body)) return;
  latest = body.districts || [];
  labelsRef = labels;
  labels.learn('district', latest);
  renderChart();
  renderTable();
}

function compare(key) {
  if (key === 'name') return (a, b) => a.index - b.index;
  const column = COLUMNS.find(([k]) => k === key);
  const value = column[2] === 'money' ? (d) => toFen(d[key]) : (d) => BigInt(d[key] || 0);
  return (a, b) => (value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0);
}

function sorted(key, descending) {
  const indexed = latest.map((d, index) => ({ ...d, index }));
  const by = compare(key);
  // Ties keep the contract's district order.
  return indexed.sort((a, b) => (descending ? by(b, a) : by(a, b)) || a.index - b.index);
}

function renderChart() {
  const list = latest.map((d, index) => ({ ...d, index }))
    .sort((a, b) => compare('totalSupport')(b, a) || compare('pendingExposure')(b, a) || a.index - b.index);
  chart('chart-districts').setOption({
    textStyle: TEXT,
    color: [PALETTE.municipal, PALETTE.district, PALETTE.pending],
    legend: { top: 0 },
    grid: { left: 80, right: 30, top: 36, bottom: 24 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const d = list[params[0].dataIndex];
        return `<b>${esc(labelsRef.district(d.code))}</b>（立项 ${count(d.awardedProjects)} 个）<br>`
          + `支持资金合计：${yuan(d.totalSupport)} 元<br>`
          + `市级资金：${yuan(d.municipalShare)} 元<br>`
          + `区级配套义务：${yuan(d.matchingObligation)} 元<br>`
          + `待决定敞口：${yuan(d.pendingExposure)} 元`;
      },
    },
    xAxis: { type: 'value', name: '万元' },
    yAxis: { type: 'category', inverse: true, data: list.map((d) => labelsRef.district(d.code)) },
    series: [
      { name: '市级资金', type: 'bar', stack: 'support', barMaxWidth: 18, data: list.map((d) => wanNumber(d.municipalShare)) },
      { name: '区级配套义务', type: 'bar', stack: 'support', barMaxWidth: 18, data: list.map((d) => wanNumber(d.matchingObligation)) },
      { name: '待决定敞口（区级）', type: 'bar', barMaxWidth: 18, data: list.map((d) => wanNumber(d.pendingExposure)) },
    ],
  }, { replaceMerge: ['yAxis'] });
}

function sumFen(key) {
  const fen = latest.reduce((sum, d) => sum + toFen(d[key]), 0n);
  return `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
}

function renderTable() {
  const arrow = (key) => (sorting.key === key ? (sorting.descending ? ' ▼' : ' ▲') : '');
  const head = `<thead><tr>
      <th data-sort="name">区${arrow('name')}</th>
      ${COLUMNS.map(([key, label]) => `<th class="num" data-sort="${key}">${label}${arrow(key)}</th>`).join('')}
    </tr></thead>`;
  const cell = ([key, , kind], d) => `<td class="num" data-field="${key}">${kind === 'money' ? yuan(d[key]) : count(d[key])}</td>`;
  const rows = sorted(sorting.key, sorting.descending).map((d) => `<tr data-district="${esc(d.code)}">
      <td class="name">${esc(labelsRef.district(d.code))}</td>
      ${COLUMNS.map((column) => cell(column, d)).join('')}
    </tr>`).join('');
  const projects = latest.reduce((sum, d) => sum + (d.awardedProjects || 0), 0);
  const foot = `<tfoot><tr data-district="totals"><td class="name">全市合计</td>
      <td class="num" data-field="awardedProjects">${count(projects)}</td>
      ${COLUMNS.slice(1).map(([key]) => `<td class="num" data-field="${key}">${yuan(sumFen(key))}</td>`).join('')}
    </tr></tfoot>`;
  $('districts-table').innerHTML = `${head}<tbody>${rows}</tbody>${foot}`;
}

let paymentForm = null;
let paymentFormUser = null;

/**
 * Matching funds paid against committed, per district, from the disbursements (roles that may not read them
 * see the rest of the view without this card); a district officer's answer covers their own district only.
 */
async function refreshMatching(context, obligations) {
  const user = await payments.currentUser(context.session);
  const offered = await payments.mayRecord('DISTRICT', context.session);
  $('districts-payment').hidden = !offered;
  if (offered && (!paymentForm || paymentFormUser !== api.username())) {
    paymentFormUser = api.username();
    paymentForm = payments.mount($('districts-payment'), 'DISTRICT', { onRecorded: () => context.refresh() });
    await paymentForm.reload();
  }
  let body;
  try {
    body = await api.get('api/finance/disbursements', { entriesSize: 1 });
  } catch (error) {
    if (error.status !== 403) throw error;
    $('matching-table').closest('.card').hidden = true;
    return;
  }
  $('matching-table').closest('.card').hidden = false;
  // A district officer's answer covers their district only: another district with an obligation but nothing
  // committed in the answer is outside what this user may see, and is not shown as 0.00.
  const obligation = new Map(obligations.map((d) => [d.code, toFen(d.matchingObligation)]));
  const rows = (body.byDistrict || [])
    .filter((d) => !user.district || d.code === user.district)
    .map((d) => ({ ...d, hidden: toFen(d.matchingCommitted) === 0n && (obligation.get(d.code) ?? 0n) > 0n }));
  if (unchanged('districts-matching', [rows, user.district])) return;
  renderMatching(rows, context.labels);
}

function renderMatching(rows, labels) {
  const share = (d) => {
    const committed = toFen(d.matchingCommitted);
    if (committed === 0n) return '—';
    const basisPoints = (toFen(d.matchingPaid) * 10_000n + committed / 2n) / committed;
    return `${basisPoints / 100n}.${(basisPoints % 100n).toString().padStart(2, '0')}%`;
  };
  const total = (key) => {
    const fen = rows.reduce((sum, d) => sum + toFen(d[key]), 0n);
    return `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
  };
  $('matching-table').innerHTML = `<thead><tr><th>区</th><th class="num">配套承诺</th><th class="num">已到位</th>
      <th class="num">未到位</th><th class="num">其中逾期</th><th class="num">到位率</th><th class="num">逾期天数</th></tr></thead>
    <tbody>${rows.map((d) => (d.hidden ? `<tr data-district="${esc(d.code)}" class="outside">
      <td class="name">${esc(labels.district(d.code))}</td><td colspan="6" class="muted">不在本账号的查看范围内</td></tr>`
    : `<tr data-district="${esc(d.code)}"><td class="name">${esc(labels.district(d.code))}</td>
      <td class="num" data-field="matchingCommitted">${yuan(d.matchingCommitted)}</td>
      <td class="num" data-field="matchingPaid">${yuan(d.matchingPaid)}</td>
      <td class="num" data-field="matchingOutstanding">${yuan(d.matchingOutstanding)}</td>
      <td class="num${toFen(d.overdue) > 0n ? ' overdue' : ''}" data-field="overdue">${yuan(d.overdue)}</td>
      <td class="num" data-field="share">${share(d)}</td>
      <td class="num" data-field="daysOverdue">${d.daysOverdue ?? '—'}</td></tr>`)).join('')}</tbody>
    ${rows.length > 1 && !rows.some((d) => d.hidden) ? `<tfoot><tr data-district="totals"><td class="name">全市合计</td>
      ${['matchingCommitted', 'matchingPaid', 'matchingOutstanding', 'overdue']
        .map((key) => `<td class="num" data-field="${key}">${yuan(total(key))}</td>`).join('')}<td></td><td></td></tr></tfoot>` : ''}`;
  const shown = rows.filter((d) => !d.hidden && toFen(d.matchingCommitted) > 0n);
  chart('chart-matching').setOption({
    textStyle: TEXT,
    color: [PALETTE.district, PALETTE.pending],
    legend: { top: 0 },
    grid: { left: 80, right: 30, top: 36, bottom: 24 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const d = shown[params[0].dataIndex];
        return `<b>${esc(labels.district(d.code))}</b><br>配套承诺：${yuan(d.matchingCommitted)} 元<br>`
          + `已到位：${yuan(d.matchingPaid)} 元<br>未到位：${yuan(d.matchingOutstanding)} 元`
          + (toFen(d.overdue) > 0n ? `<br>其中逾期：${yuan(d.overdue)} 元（${d.daysOverdue ?? '—'} 天）` : '');
      },
    },
    xAxis: { type: 'value', name: '万元' },
    yAxis: { type: 'category', inverse: true, data: shown.map((d) => labels.district(d.code)) },
    series: [
      { name: '已到位', type: 'bar', stack: 'matching', barMaxWidth: 18, data: shown.map((d) => wanNumber(d.matchingPaid)) },
      { name: '未到位', type: 'bar', stack: 'matching', barMaxWidth: 18, data: shown.map((d) => wanNumber(d.matchingOutstanding)) },
    ],
  }, { replaceMerge: ['yAxis'] });
}
