// 资金承诺: the funds committed by awards and top-ups, split municipal/district, by tier, direction and
// district, as of any day, and the ledger itself (also as CSV); then what has been paid of them (disbursements.js).

import * as api from '../api.js';
import * as applications from '../applications.js';
import * as disbursements from '../disbursements.js';
import { chart, PALETTE, TEXT } from '../charts.js';
import { endOfBeijingDay, esc, instant, LEDGER_KIND, TIER, unchanged, wan, wanNumber, yuan } from '../format.js';

const $ = (id) => document.getElementById(id);

function asOf() {
  const date = $('finance-as-of').value;
  return date ? endOfBeijingDay(date) : null;
}

/** The ledger is read a page at a time (the API's entriesPage/entriesSize). */
const LEDGER_PAGE_SIZE = 100;
let ledgerPage = 0;

export function init(context) {
  disbursements.init(context, asOf);
  $('finance-as-of').addEventListener('change', () => {
    ledgerPage = 0;
    disbursements.firstPage();
    context.refresh();
  });
  $('ledger-previous').addEventListener('click', () => {
    ledgerPage = Math.max(0, ledgerPage - 1);
    context.refresh();
  });
  $('ledger-next').addEventListener('click', () => {
    ledgerPage += 1;
    context.refresh();
  });
  $('finance-now').addEventListener('click', () => {
    $('finance-as-of').value = '';
    ledgerPage = 0;
    disbursements.firstPage();
    context.refresh();
  });
  $('finance-csv').addEventListener('click', () => downloadCsv(context));
  $('ledger-table').addEventListener('click', (event) => {
    const link = event.target.closest('[data-open]');
    if (link) {
      event.preventDefault();
      document.dispatchEvent(new CustomEvent('open-application', { detail: link.dataset.open }));
    }
  });
}

async function downloadCsv(context) {
  try {
    const at = asOf();
    const blob = await api.download('api/finance/commitments', { asOf: at }, 'text/csv');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `commitments-${at ? $('finance-as-of').value : 'current'}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  } catch (error) {
    if (error.status !== 401) context.banner(`下载失败：${error.message}`);
  }
}

export async function refresh(context) {
  const { labels } = context;
  const at = asOf();
  const [body] = await Promise.all([
    api.get('api/finance/commitments', { asOf: at, entriesPage: ledgerPage, entriesSize: LEDGER_PAGE_SIZE }),
    applications.all().catch(() => null),
    disbursements.refresh(context, at),
  ]);
  // asOf of a "now" query moves on every call; what is drawn depends only on the rest.
  const names = (body.entries || []).map((e) => e.projectName ?? applications.known(e.applicationId)?.projectName);
  if (unchanged('finance', [at, ledgerPage, { ...body, asOf: at ? body.asOf : null }, names])) return;
  $('finance-as-of-label').textContent = at ? `截至 ${instant(body.asOf || at)}（北京时间）` : '截至当前';
  $('finance-as-of-label').dataset.asOf = body.asOf || '';
  renderKpis(body);
  renderTiers(body.byTier || {});
  renderDirections(body.byDirection || [], labels);
  renderDistricts(body.byDistrict || [], labels);
  renderLedger(body.entries || []);
  renderPager(body.entryCount ?? (body.entries || []).length);
}

function renderPager(count) {
  const pages = Math.max(1, Math.ceil(count / LEDGER_PAGE_SIZE));
  if (ledgerPage >= pages) ledgerPage = pages - 1;
  $('ledger-page-label').textContent = `第 ${ledgerPage + 1} / ${pages} 页，共 ${count} 条`;
  $('ledger-previous').disabled = ledgerPage === 0;
  $('ledger-next').disabled = ledgerPage + 1 >= pages;
}

function renderKpis(body) {
  const card = (testId, label, amount) => `<div class="kpi" data-testid="${testId}">
      <div class="kpi-label">${label}</div>
      <div class="kpi-value"><span data-role="value">${wan(amount)}</span><span class="unit">万元</span></div>
      <div class="kpi-exact"><span data-role="yuan">${yuan(amount)}</span> 元</div>
    </div>`;
  $('finance-kpis').innerHTML = [
    card('finance-total', '承诺资金合计', body.totalCommitted),
    card('finance-municipal', '其中市级资金', body.municipal),
    card('finance-district', '其中区级配套', body.district),
  ].join('');
}

/** A tier's figure: the amount itself, or an object carrying it (with its split, if given). */
function tierFigures(value) {
  if (value !== null && typeof value === 'object') return value;
  return { amount: value ?? 0 };
}

function renderTiers(byTier) {
  const tiers = Object.keys(TIER).map((code) => ({ code, ...tierFigures(byTier[code]) }));
  const split = tiers.some((t) => t.municipal !== undefined || t.municipalShare !== undefined);
  $('tier-table').innerHTML = `<thead><tr><th>支持类别</th><th class="num">承诺资金</th>
      ${split ? '<th class="num">市级</th><th class="num">区级</th>' : ''}</tr></thead>
    <tbody>${tiers.map((t) => `<tr data-tier="${t.code}"><td>${TIER[t.code]}</td>
      <td class="num" data-field="amount">${yuan(t.amount)}</td>
      ${split ? `<td class="num" data-field="municipal">${yuan(t.municipal ?? t.municipalShare)}</td>
                 <td class="num" data-field="district">${yuan(t.district ?? t.districtShare)}</td>` : ''}
    </tr>`).join('')}</tbody>`;
  chart('chart-tier').setOption({
    textStyle: TEXT,
    color: [PALETTE.award, PALETTE.municipal],
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}：${yuan(tiers[p.dataIndex].amount)} 元（${p.percent}%）` },
    legend: { bottom: 0 },
    series: [{
      type: 'pie',
      radius: ['45%', '72%'],
      center: ['50%', '45%'],
      label: { formatter: (p) => `${wan(tiers[p.dataIndex].amount)} 万元` },
      data: tiers.map((t) => ({ name: TIER[t.code], value: wanNumber(t.amount) })),
    }],
  });
}

function renderDirections(byDirection, labels) {
  chart('chart-finance-directions').setOption({
    textStyle: TEXT,
    color: [PALETTE.award],
    grid: { left: 60, right: 20, top: 30, bottom: 30 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const d = byDirection[params[0].dataIndex];
        return `<b>${esc(d.code)} ${esc(labels.direction(d.code))}</b><br>承诺资金：${yuan(d.amount)} 元`;
      },
    },
    xAxis: { type: 'category', data: byDirection.map((d) => d.code) },
    yAxis: { type: 'value', name: '万元' },
    series: [{ name: '承诺资金', type: 'bar', barMaxWidth: 30, data: byDirection.map((d) => wanNumber(d.amount)) }],
  });
}

function renderDistricts(byDistrict, labels) {
  $('finance-districts-table').innerHTML = `<thead><tr><th>区</th><th class="num">承诺资金</th>
      <th class="num">市级资金</th><th class="num">区级配套</th></tr></thead>
    <tbody>${byDistrict.map((d) => `<tr data-district="${esc(d.code)}"><td class="name">${esc(labels.district(d.code))}</td>
      <td class="num" data-field="amount">${yuan(d.amount)}</td>
      <td class="num" data-field="municipal">${yuan(d.municipal)}</td>
      <td class="num" data-field="district">${yuan(d.district)}</td></tr>`).join('')}</tbody>`;
}

function renderLedger(entries) {
  const names = new Map(entries.map((e) => [e.applicationId, e.projectName]));
  const name = (id) => names.get(id) ?? applications.known(id)?.projectName ?? id;
  $('ledger-table').innerHTML = `<thead><tr><th>时间（北京时间）</th><th>项目</th><th>类别</th>
      <th class="num">金额</th><th class="num">市级</th><th class="num">区级</th></tr></thead>
    <tbody>${entries.length === 0 ? '<tr><td colspan="6" class="muted">暂无资金承诺</td></tr>' : ''}
    ${entries.map((e, i) => `<tr data-entry="${i}" data-application="${esc(e.applicationId)}">
      <td class="nowrap">${instant(e.at)}</td>
      <td class="project"><a href="#auditor" data-open="${esc(e.applicationId)}" title="${esc(name(e.applicationId))}">${esc(name(e.applicationId))}</a></td>
      <td class="nowrap">${LEDGER_KIND[e.kind] ?? esc(e.kind)}</td>
      <td class="num" data-field="amount">${yuan(e.amount)}</td>
      <td class="num" data-field="municipalShare">${yuan(e.municipalShare)}</td>
      <td class="num" data-field="districtShare">${yuan(e.districtShare)}</td></tr>`).join('')}</tbody>`;
}
