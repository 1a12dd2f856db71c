// 拨付 in the finance view (§8): committed, paid and outstanding of each source, the districts whose matching
// funds are overdue (how much, since when), the payments ledger a page at a time with its exports, and the
// form with which finance records the city's payments.

import * as api from './api.js';
import { esc, instant, toFen, unchanged, yuan } from './format.js';
import * as payments from './payments.js';

const $ = (id) => document.getElementById(id);

const PAGE_SIZE = 100;
let page = 0;
let entries = [];
let form = null;
let mayReverse = { MUNICIPAL: false, DISTRICT: false };

function fenText(fen) {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** "37.50%": paid of committed, to two decimals, "—" when nothing is committed. */
function share(paid, committed) {
  const c = toFen(committed);
  if (c === 0n) return '—';
  const basisPoints = (toFen(paid) * 10_000n + c / 2n) / c;
  return `${basisPoints / 100n}.${(basisPoints % 100n).toString().padStart(2, '0')}%`;
}

let initialised = false;
let formUser = null;

export function init(context, asOf) {
  if (initialised) return;
  initialised = true;
  $('payments-previous').addEventListener('click', () => {
    page = Math.max(0, page - 1);
    context.refresh();
  });
  $('payments-next').addEventListener('click', () => {
    page += 1;
    context.refresh();
  });
  $('payments-xlsx').addEventListener('click', () => download(context, asOf(), 'xlsx'));
  $('payments-csv').addEventListener('click', () => download(context, asOf(), 'csv'));
  $('payments-table').addEventListener('click', async (event) => {
    const open = event.target.closest('[data-open]');
    if (open) {
      event.preventDefault();
      document.dispatchEvent(new CustomEvent('open-application', { detail: open.dataset.open }));
      return;
    }
    const button = event.target.closest('button[data-reverse]');
    if (!button) return;
    const entry = entries[Number(button.dataset.reverse)];
    button.disabled = true;
    if (await payments.reverse(entry, context.banner)) {
      await form?.reload();
      context.refresh();
    }
    button.disabled = false;
  });
}

/** Page back to the first page (a new as-of day). */
export function firstPage() {
  page = 0;
}

async function download(context, at, format) {
  try {
    const accept = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
    const blob = await api.download('api/finance/disbursements', { asOf: at, format }, accept);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `disbursements-${at ? $('finance-as-of').value : 'current'}.${format}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  } catch (error) {
    if (error.status !== 401) context.banner(`下载失败：${error.message}`);
  }
}

async function ensureForm(context) {
  const offered = await payments.mayRecord('MUNICIPAL', context.session);
  mayReverse = { MUNICIPAL: offered, DISTRICT: false };
  $('finance-payment').hidden = !offered;
  if (offered && (!form || formUser !== api.username())) {
    formUser = api.username();
    form = payments.mount($('finance-payment'), 'MUNICIPAL', { onRecorded: () => context.refresh() });
    await form.reload();
  }
}

export async function refresh(context, at) {
  await ensureForm(context);
  const body = await api.get('api/finance/disbursements', { asOf: at, entriesPage: page, entriesSize: PAGE_SIZE });
  // asOf of a "now" query moves on every call; what is drawn depends only on the rest.
  if (unchanged('disbursements', [at, page, mayReverse, { ...body, asOf: at ? body.asOf : null }])) return;
  entries = body.entries || [];
  renderSources(body);
  renderOverdue(body.byDistrict || [], context.labels);
  renderLedger(entries, !at);
  renderPager(body.entryCount ?? entries.length);
}

function renderSources(body) {
  const row = (key, label, figures) => `<tr data-source="${key}"><td class="name">${label}</td>
      <td class="num" data-field="committed">${yuan(figures.committed)}</td>
      <td class="num" data-field="paid">${yuan(figures.paid)}</td>
      <td class="num" data-field="outstanding">${yuan(figures.outstanding)}</td>
      <td class="num" data-field="share">${share(figures.paid, figures.committed)}</td></tr>`;
  $('disbursement-sources').innerHTML = `<thead><tr><th>资金来源</th><th class="num">承诺</th>
      <th class="num">已拨付</th><th class="num">尚未拨付</th><th class="num">拨付进度</th></tr></thead>
    <tbody>${row('MUNICIPAL', payments.SOURCE.MUNICIPAL, body.municipal || {})}
      ${row('DISTRICT', payments.SOURCE.DISTRICT, body.district || {})}</tbody>
    <tfoot>${row('TOTAL', '合计', body)}</tfoot>`;
}

function renderOverdue(byDistrict, labels) {
  const overdue = byDistrict.filter((d) => toFen(d.overdue) > 0n)
    .sort((a, b) => (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0) || (toFen(b.overdue) > toFen(a.overdue) ? 1 : -1));
  const total = overdue.reduce((sum, d) => sum + toFen(d.overdue), 0n);
  $('overdue-summary').textContent = overdue.length
    ? `${overdue.length} 个区的配套资金逾期未到位，合计 ${yuan(fenText(total))} 元`
    : '';
  $('overdue-table').innerHTML = `<thead><tr><th>区</th><th class="num">配套承诺</th><th class="num">已到位</th>
      <th class="num">未到位</th><th class="num">其中逾期</th><th>最早应到位日期</th><th class="num">逾期天数</th></tr></thead>
    <tbody>${overdue.length === 0 ? '<tr><td colspan="7" class="muted">暂无逾期未到位的区级配套资金</td></tr>' : ''}
    ${overdue.map((d) => `<tr data-district="${esc(d.code)}">
      <td class="name">${esc(labels.district(d.code))}</td>
      <td class="num" data-field="matchingCommitted">${yuan(d.matchingCommitted)}</td>
      <td class="num" data-field="matchingPaid">${yuan(d.matchingPaid)}</td>
      <td class="num" data-field="matchingOutstanding">${yuan(d.matchingOutstanding)}</td>
      <td class="num overdue" data-field="overdue">${yuan(d.overdue)}</td>
      <td class="nowrap" data-field="oldestOverdueDueBy">${esc(d.oldestOverdueDueBy ?? '—')}</td>
      <td class="num" data-field="daysOverdue">${d.daysOverdue ?? '—'}</td></tr>`).join('')}</tbody>`;
}

function renderLedger(list, current) {
  const actions = current && (mayReverse.MUNICIPAL || mayReverse.DISTRICT);
  $('payments-table').innerHTML = `<thead><tr><th>记账时间（北京时间）</th><th>项目</th><th>资金来源</th>
      <th class="num">金额</th><th>拨付日期</th><th>凭证号</th><th>状态</th>${actions ? '<th></th>' : ''}</tr></thead>
    <tbody>${list.length === 0 ? `<tr><td colspan="${actions ? 8 : 7}" class="muted">暂无拨付记录</td></tr>` : ''}
    ${list.map((e, i) => `<tr data-payment="${i}" data-disbursement="${esc(e.disbursementId)}"
        data-application="${esc(e.applicationId)}"${e.reversed ? ' class="reversed"' : ''}>
      <td class="nowrap" data-field="at">${instant(e.at)}</td>
      <td class="project"><a href="#auditor" data-open="${esc(e.applicationId)}" title="${esc(e.projectName)}"
        data-field="projectName">${esc(e.projectName ?? e.applicationId)}</a></td>
      <td class="nowrap" data-field="source">${payments.SOURCE[e.source] ?? esc(e.source)}</td>
      <td class="num" data-field="amount">${yuan(e.amount)}</td>
      <td class="nowrap" data-field="paidOn">${esc(e.paidOn)}</td>
      <td data-field="voucher">${esc(e.voucher)}</td>
      <td class="nowrap" data-field="reversed">${e.reversed ? '已冲销' : '已拨付'}</td>
      ${actions ? `<td>${!e.reversed && mayReverse[e.source]
        ? `<button type="button" class="link" data-reverse="${i}">冲销</button>` : ''}</td>` : ''}</tr>`).join('')}</tbody>`;
}

function renderPager(count) {
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
  if (page >= pages) page = pages - 1;
  $('payments-page-label').textContent = `第 ${page + 1} / ${pages} 页，共 ${count} 条`;
  $('payments-previous').disabled = page === 0;
  $('payments-next').disabled = page + 1 >= pages;
}
