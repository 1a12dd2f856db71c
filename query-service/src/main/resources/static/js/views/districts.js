// 各区情况: what each district's projects received, the municipal part, the district's 1:1 matching
// obligation and the exposure still pending on undecided applications.

import * as api from '../api.js';
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

export async function refresh({ labels }) {
  const body = await api.get('api/dashboard/districts');
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
