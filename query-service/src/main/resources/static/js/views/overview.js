// 申报总览: the funnel per direction, the support paid (with the top-up part), and the capped directions.

import * as api from '../api.js';
import { chart, PALETTE, TEXT } from '../charts.js';
import { count, esc, toFen, unchanged, wan, wanNumber, yuan } from '../format.js';

const STAGES = [
  ['submitted', '申报'],
  ['districtApproved', '区级审核通过'],
  ['scored', '已评审'],
  ['awarded', '已立项'],
];

const $ = (id) => document.getElementById(id);

export async function refresh({ labels }) {
  const [directions, caps] = await Promise.all([
    api.get('api/dashboard/directions'),
    api.get('api/dashboard/caps'),
  ]);
  if (unchanged('overview', [directions, caps])) return;
  const list = directions.directions || [];
  labels.learn('direction', list);
  const totals = totalsOf(directions.totals, list);
  renderKpis(totals);
  renderFunnel(totals);
  renderSupportChart(list, labels);
  renderTable(list, totals, labels);
  renderCaps(caps.caps || [], labels);
}

/** The API's totals; any member it lacks is summed exactly from the directions. */
function totalsOf(totals = {}, list) {
  const result = { ...totals };
  ['submitted', 'districtApproved', 'scored', 'awarded', 'notSelected', 'districtRejected'].forEach((key) => {
    if (result[key] === undefined) result[key] = list.reduce((sum, d) => sum + (d[key] || 0), 0);
  });
  ['awardedAmount', 'topUpAmount', 'totalSupport'].forEach((key) => {
    if (result[key] === undefined) {
      const fen = list.reduce((sum, d) => sum + toFen(d[key]), 0n);
      result[key] = `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
    }
  });
  return result;
}

function kpi(testId, label, value, unit, exact) {
  return `<div class="kpi" data-testid="${testId}">
      <div class="kpi-label">${label}</div>
      <div class="kpi-value"><span data-role="value">${value}</span>${unit ? `<span class="unit">${unit}</span>` : ''}</div>
      ${exact ? `<div class="kpi-exact">${exact}</div>` : ''}
    </div>`;
}

function renderKpis(totals) {
  $('overview-kpis').innerHTML = [
    kpi('kpi-submitted', '申报项目', count(totals.submitted), '个'),
    kpi('kpi-district-approved', '区级审核通过', count(totals.districtApproved), '个'),
    kpi('kpi-scored', '已评审', count(totals.scored), '个'),
    kpi('kpi-awarded', '已立项', count(totals.awarded), '个'),
    kpi('kpi-total-support', '支持资金合计', wan(totals.totalSupport), '万元',
      `<span data-testid="total-support-yuan">${yuan(totals.totalSupport)}</span> 元`),
    kpi('kpi-top-up', '其中补齐差额', wan(totals.topUpAmount), '万元',
      `<span data-testid="top-up-yuan">${yuan(totals.topUpAmount)}</span> 元`),
  ].join('');
}

function renderFunnel(totals) {
  chart('chart-funnel').setOption({
    textStyle: TEXT,
    color: PALETTE.funnel,
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}：${count(p.value)} 个` },
    series: [{
      type: 'funnel',
      sort: 'none',
      left: '8%', right: '8%', top: 10, bottom: 10,
      minSize: '18%',
      gap: 3,
      label: { position: 'inside', formatter: (p) => `${p.name}  ${count(p.value)}`, fontSize: 13 },
      data: STAGES.map(([key, name]) => ({ name, value: totals[key] || 0 })),
    }],
  });
}

function renderSupportChart(list, labels) {
  const codes = list.map((d) => d.code);
  chart('chart-directions').setOption({
    textStyle: TEXT,
    color: [PALETTE.award, PALETTE.topUp],
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 36, bottom: 30 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const direction = list[params[0].dataIndex];
        return `<b>${esc(direction.code)} ${esc(labels.direction(direction.code))}</b><br>`
          + `立项资金：${yuan(direction.awardedAmount)} 元<br>`
          + `补齐差额：${yuan(direction.topUpAmount)} 元<br>`
          + `合计：${yuan(direction.totalSupport)} 元`;
      },
    },
    xAxis: { type: 'category', data: codes },
    yAxis: { type: 'value', name: '万元' },
    series: [
      { name: '立项资金', type: 'bar', stack: 'support', barMaxWidth: 36, data: list.map((d) => wanNumber(d.awardedAmount)) },
      { name: '补齐差额', type: 'bar', stack: 'support', barMaxWidth: 36, data: list.map((d) => wanNumber(d.topUpAmount)) },
    ],
  });
}

function stageCell(value, of, field) {
  const share = of > 0 ? Math.round((100 * value) / of) : 0;
  return `<td class="num stage" data-field="${field}" style="--share:${share}%">${count(value)}</td>`;
}

function renderTable(list, totals, labels) {
  const head = `<thead><tr>
      <th>方向</th><th class="num">申报</th><th class="num">区级通过</th><th class="num">已评审</th><th class="num">已立项</th>
      <th class="num">未入选</th><th class="num">区级未通过</th><th class="num">名额上限</th>
      <th class="num">立项资金</th><th class="num">补齐差额</th><th class="num">支持资金合计</th>
    </tr></thead>`;
  const row = (d) => `<tr data-direction="${esc(d.code)}">
      <td class="name"><span class="code">${esc(d.code)}</span>${esc(labels.direction(d.code))}</td>
      ${STAGES.map(([key]) => stageCell(d[key] || 0, d.submitted || 0, key)).join('')}
      <td class="num" data-field="notSelected">${count(d.notSelected)}</td>
      <td class="num" data-field="districtRejected">${count(d.districtRejected)}</td>
      <td class="num" data-field="cap">${d.cap == null ? '—' : count(d.cap)}</td>
      <td class="num" data-field="awardedAmount">${yuan(d.awardedAmount)}</td>
      <td class="num" data-field="topUpAmount">${yuan(d.topUpAmount)}</td>
      <td class="num strong" data-field="totalSupport">${yuan(d.totalSupport)}</td>
    </tr>`;
  const foot = `<tfoot><tr data-direction="totals">
      <td class="name">合计</td>
      ${STAGES.map(([key]) => `<td class="num" data-field="${key}">${count(totals[key])}</td>`).join('')}
      <td class="num" data-field="notSelected">${count(totals.notSelected)}</td>
      <td class="num" data-field="districtRejected">${count(totals.districtRejected)}</td>
      <td class="num"></td>
      <td class="num" data-field="awardedAmount">${yuan(totals.awardedAmount)}</td>
      <td class="num" data-field="topUpAmount">${yuan(totals.topUpAmount)}</td>
      <td class="num strong" data-field="totalSupport">${yuan(totals.totalSupport)}</td>
    </tr></tfoot>`;
  $('directions-table').innerHTML = `${head}<tbody>${list.map(row).join('')}</tbody>${foot}`;
}

function capId(direction) {
  return `chart-cap-${direction.replace(/\W/g, '-')}`;
}

function renderCaps(caps, labels) {
  const container = $('caps');
  const layout = caps.map((c) => c.direction).join(',');
  if (container.dataset.layout !== layout) {
    container.dataset.layout = layout;
    container.innerHTML = caps.length === 0
      ? '<h2>立项名额</h2><p class="muted">本批次没有限定名额的方向。</p>'
      : caps.map((c) => `<div class="cap" data-cap="${esc(c.direction)}">
          <h2>${esc(c.direction)} ${esc(labels.direction(c.direction))} <small>立项名额</small></h2>
          <div class="cap-body">
            <div class="chart gauge" id="${capId(c.direction)}"></div>
            <div class="cap-facts"></div>
          </div>
          <div class="cap-candidates"></div>
        </div>`).join('');
  }
  caps.forEach((c) => renderCap(container.querySelector(`[data-cap="${CSS.escape(c.direction)}"]`), c));
}

function renderCap(element, cap) {
  const slots = Array.from({ length: cap.cap }, (_, i) => `<span class="slot ${i < cap.awarded ? 'used' : ''}"></span>`).join('');
  const candidates = cap.candidates || [];
  element.querySelector('.cap-facts').innerHTML = `
      <div class="slots" title="${cap.awarded} / ${cap.cap}">${slots}</div>
      <dl class="facts">
        <dt>名额上限</dt><dd data-field="cap">${count(cap.cap)}</dd>
        <dt>已立项</dt><dd data-field="awarded">${count(cap.awarded)}</dd>
        <dt>剩余名额</dt><dd data-field="remaining">${count(cap.remaining)}</dd>
        <dt>待决定（已评审）</dt><dd data-field="candidates">${count(candidates.length)}</dd>
      </dl>`;
  element.querySelector('.cap-candidates').innerHTML = candidates.length === 0
    ? '<p class="muted">暂无已评审待决定的项目。</p>'
    : `<table class="data compact"><thead><tr><th>#</th><th>候选项目（按评分）</th><th class="num">评分</th></tr></thead><tbody>
        ${candidates.slice(0, 8).map((c, i) => `<tr class="${i < cap.remaining ? 'within' : ''}" data-candidate="${esc(c.id)}">
          <td>${i + 1}</td><td>${esc(c.projectName)}</td><td class="num">${esc(c.score)}</td></tr>`).join('')}
       </tbody></table>
       ${candidates.length > 8 ? `<p class="muted">另有 ${candidates.length - 8} 个候选项目</p>` : ''}`;
  chart(capId(cap.direction)).setOption({
    textStyle: TEXT,
    series: [{
      type: 'gauge',
      min: 0,
      max: cap.cap,
      splitNumber: cap.cap,
      radius: '95%',
      center: ['50%', '60%'],
      startAngle: 200,
      endAngle: -20,
      progress: { show: true, width: 14, itemStyle: { color: cap.remaining === 0 ? PALETTE.municipal : PALETTE.award } },
      axisLine: { lineStyle: { width: 14 } },
      axisTick: { show: false },
      splitLine: { length: 8, lineStyle: { width: 2, color: '#999' } },
      axisLabel: { distance: 18, fontSize: 11 },
      pointer: { show: false },
      anchor: { show: false },
      title: { offsetCenter: [0, '35%'], fontSize: 12 },
      detail: { offsetCenter: [0, '0%'], fontSize: 26, fontWeight: 'bold', formatter: `{value} / ${cap.cap}` },
      data: [{ value: cap.awarded, name: '已立项' }],
    }],
  });
}
