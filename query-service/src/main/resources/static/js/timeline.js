// An application's event timeline (GET /api/applications/{id}/history), one function per event type: what the
// event says, in Chinese, with the figures an auditor checks first. Each item carries data-sequence and data-type,
// so that further marks can be added to an item without redrawing the timeline.

import * as proof from './audit-proof.js';
import { day, esc, EVENT, instant, ROLE, SOURCE, TIER, yuan } from './format.js';

/** "西青区主管部门 · district-xiqing", "财政 · finance": in whose name the user acted. */
export function actorOf(event, labels) {
  const role = event.actorRole;
  let name;
  if (role === 'DISTRICT_OFFICER' && event.actorDistrict) name = `${labels.district(event.actorDistrict)}主管部门`;
  else if (role) name = labels.role(role) ?? ROLE[role] ?? role;
  return `${name ? `<span data-field="actorRole">${esc(name)}</span> · ` : ''}<span data-field="actor">${esc(event.actor ?? '—')}</span>`;
}

function comment(text) {
  return text ? `：${esc(text)}` : '';
}

/** What each event type says; `context` holds the labels and the application's other events. */
export const SUMMARIES = {
  ApplicationSubmitted(p, { labels }) {
    const form = p.form || {};
    return `${esc(form.applicant?.name ?? '')} 申报「${esc(form.projectName ?? '')}」，方向 ${esc(form.direction ?? '')}`
      + ` ${esc(labels.direction(form.direction))}，可支持投资 ${yuan(p.eligibleInvestment)} 元，`
      + `申请专项资金 ${yuan(p.requestedSpecialFunds)} 元`
      + (p.claimableTier ? `，可申报${TIER[p.claimableTier] ?? esc(p.claimableTier)}` : '');
  },
  DistrictApproved(p, { labels }) {
    return `${esc(labels.district(p.district))}审核通过，${p.matchingCommitted ? '承诺1:1配套' : '未承诺配套'}${comment(p.comment)}`;
  },
  DistrictRejected(p, { labels }) {
    return `${esc(labels.district(p.district))}审核未通过${comment(p.comment)}`;
  },
  ApplicationScored(p) {
    return `评审得分 ${esc(p.score)}${p.reviewer ? `（${esc(p.reviewer)}）` : ''}`;
  },
  ApplicationAwarded(p) {
    return `${TIER[p.tier] ?? esc(p.tier)}，支持 ${yuan(p.amount)} 元（市级 ${yuan(p.municipalShare)} 元，区级 ${yuan(p.districtShare)} 元）`;
  },
  ApplicationNotSelected(p) {
    return `未入选${comment(p.reason)}`;
  },
  AwardToppedUp(p) {
    return `补齐差额 ${yuan(p.topUpAmount)} 元（市级 ${yuan(p.municipalShare)} 元，区级 ${yuan(p.districtShare)} 元），`
      + `支持资金合计 ${yuan(p.totalSupport)} 元${p.reviewReference ? `；评审依据：${esc(p.reviewReference)}` : ''}`;
  },
  DisbursementRecorded(p) {
    return `${SOURCE[p.source] ?? esc(p.source)}拨付 <span data-field="amount">${yuan(p.amount)}</span> 元，`
      + `凭证 <span data-field="voucher">${esc(p.voucher)}</span>，拨付日期 <span data-field="paidOn">${day(p.paidOn)}</span>；`
      + `该来源累计已拨付 ${yuan(p.paid)} 元，尚未拨付 ${yuan(p.outstanding)} 元`;
  },
  DisbursementReversed(p, { events }) {
    const original = events.find((e) => e.type === 'DisbursementRecorded' && e.payload?.disbursementId === p.disbursementId);
    const what = original
      ? `${day(original.payload.paidOn)} 凭证 ${esc(original.payload.voucher)} 的`
      : '';
    return `冲销${what}${SOURCE[p.source] ?? esc(p.source)}拨付 <span data-field="amount">${yuan(p.amount)}</span> 元，`
      + `原因：<span data-field="reason">${esc(p.reason ?? '')}</span>；`
      + `该来源累计已拨付 ${yuan(p.paid)} 元，尚未拨付 ${yuan(p.outstanding)} 元`;
  },
};

/** One event as a timeline item; `after` marks events later than the as-of instant shown. */
export function timelineItem(event, context) {
  const summary = SUMMARIES[event.type]?.(event.payload || {}, context) ?? '';
  return `<li data-sequence="${esc(event.sequence)}" data-type="${esc(event.type)}" data-timestamp="${esc(event.timestamp)}">
    <div class="event-head">
      <span class="event-type">${EVENT[event.type] ?? esc(event.type)}</span>
      <time datetime="${esc(event.timestamp)}">${instant(event.timestamp)}</time>
      <span class="event-actor">${actorOf(event, context.labels)}</span>
      ${proof.eventBadges(event)}
      <button type="button" class="link" data-as-of="${esc(event.timestamp)}">此刻状态</button>
    </div>
    <div class="event-summary">${summary}</div>
    <details><summary>#${esc(event.sequence)} ${esc(event.type)} · 关联号 <code>${esc(event.correlationId ?? '')}</code></summary>
      <pre>${esc(JSON.stringify(event.payload, null, 2))}</pre></details>
  </li>`;
}

export function renderTimeline(list, events, labels) {
  const context = { labels, events };
  list.innerHTML = events.map((event) => timelineItem(event, context)).join('');
  list.dataset.events = String(events.length);
}

/** Greys out the events after an as-of instant (an ISO string), so the state shown and its events match. */
export function markAsOf(list, iso) {
  // Date.parse reads milliseconds only; the API's instants may carry nanoseconds.
  const millis = (text) => Date.parse(text.replace(/\.(\d{1,3})\d*Z$/, '.$1Z'));
  const at = iso ? millis(iso) : null;
  list.querySelectorAll('li[data-timestamp]').forEach((item) => {
    item.classList.toggle('later', at !== null && millis(item.dataset.timestamp) > at);
  });
}
