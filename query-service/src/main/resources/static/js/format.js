// Formatting of money, counts and instants, and the Chinese labels of the call's codes.
//
// Amounts arrive as JSON numbers with at most two decimals. They are turned into whole fen at once
// (exact for every amount below 90 trillion yuan), so what is shown is exactly what the API said.

const BEIJING = 'Asia/Shanghai';

/** Whole fen of an amount as the API sent it (number or numeric string); 0 for null. */
export function toFen(amount) {
  if (amount === null || amount === undefined || amount === '') return 0n;
  const text = typeof amount === 'number' ? amount.toFixed(2) : String(amount).trim();
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new Error(`not an amount: ${amount}`);
  const fen = BigInt(match[2]) * 100n + BigInt((match[3] || '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}

function groupThousands(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1,234,567.89" — yuan with thousands separators and both fen digits. */
export function yuan(amount) {
  const fen = toFen(amount);
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = groupThousands((abs / 100n).toString());
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${cents}`;
}

/** "1,234.57" — 万元 rounded half-up to two decimals, as the guide states its figures. */
export function wan(amount) {
  const fen = toFen(amount);
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  // 1 万元 = 1,000,000 fen; two decimals of 万元 = units of 10,000 fen.
  const hundredths = (abs + 5_000n) / 10_000n;
  const whole = groupThousands((hundredths / 100n).toString());
  const decimals = (hundredths % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${decimals}`;
}

/** 万元 as a plain number, for chart axes only (never for figures shown as text). */
export function wanNumber(amount) {
  return Number(toFen(amount)) / 1_000_000;
}

export function count(n) {
  return groupThousands(String(n ?? 0));
}

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: BEIJING, year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** An instant in Beijing time, "2020/10/01 08:00:00". */
export function instant(iso) {
  if (!iso) return '—';
  return dateTime.format(new Date(iso));
}

export function clock(date = new Date()) {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: BEIJING, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(date);
}

/**
 * The end of a Beijing wall-clock second "YYYY-MM-DD[T ]HH:mm[:ss]" as ISO-8601 in UTC: what happened
 * during the second shown (as the timeline shows it) counts as having happened by then.
 */
export function beijingToIso(local) {
  const normal = local.replace(' ', 'T');
  const withSeconds = normal.length === 16 ? `${normal}:00` : normal.slice(0, 19);
  return new Date(`${withSeconds}+08:00`).toISOString().replace(/\.\d{3}Z$/, '.999999999Z');
}

/** The first instant of a Beijing calendar day "YYYY-MM-DD", with its offset (as the API takes instants). */
export function startOfBeijingDayIso(date) {
  return `${date}T00:00:00+08:00`;
}

/** The last nanosecond of a Beijing calendar day "YYYY-MM-DD", with its offset: the whole day counts. */
export function endOfBeijingDayIso(date) {
  return `${date}T23:59:59.999999999+08:00`;
}

/** A calendar date "YYYY-MM-DD" as the page shows dates, "2021/01/15", whatever the browser's locale. */
export function day(date) {
  if (!date) return '—';
  return String(date).slice(0, 10).replaceAll('-', '/');
}

/** The last millisecond of a Beijing calendar day "YYYY-MM-DD", as ISO-8601 in UTC. */
export function endOfBeijingDay(date) {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000 - 1).toISOString();
}

/** An ISO instant as a Beijing wall-clock value "YYYY-MM-DD HH:mm:ss" for a time field. */
export function isoToBeijingLocal(iso) {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return shifted.toISOString().slice(0, 19).replace('T', ' ');
}

export const STATUS = {
  SUBMITTED: '已申报',
  DISTRICT_APPROVED: '区级审核通过',
  DISTRICT_REJECTED: '区级审核未通过',
  SCORED: '已评审',
  AWARDED: '已立项',
  NOT_SELECTED: '未入选',
  TOPPED_UP: '已补齐差额',
};

export const TIER = {
  MUNICIPAL: '市级示范项目',
  MIIT_PILOT: '工信部试点示范项目',
};

export const LEDGER_KIND = {
  AWARD: '立项支持',
  TOP_UP: '补齐差额',
};

export const EVENT = {
  ApplicationSubmitted: '提交申报',
  DistrictApproved: '区级审核通过',
  DistrictRejected: '区级审核未通过',
  ApplicationScored: '专家评审',
  ApplicationAwarded: '立项支持',
  ApplicationNotSelected: '未入选',
  AwardToppedUp: '补齐差额',
  DisbursementRecorded: '资金拨付',
  DisbursementReversed: '拨付冲销',
};

export const SOURCE = {
  MUNICIPAL: '市级资金',
  DISTRICT: '区级配套资金',
};

export const ROLE = {
  DISTRICT_OFFICER: '区主管部门',
  REVIEWER: '评审专家',
  PROGRAM_MANAGER: '项目管理',
  FINANCE: '财政',
  AUDITOR: '审计',
  ADMIN: '管理员',
};

/** Escapes text for use inside HTML. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  })[c]);
}

const lastSeen = new Map();

/**
 * True when a view's data is exactly what it last drew: polling then leaves the page alone, so nothing
 * flickers, and a selection or an open tooltip survives the refresh.
 */
export function unchanged(view, data) {
  const fingerprint = JSON.stringify(data);
  if (lastSeen.get(view) === fingerprint) return true;
  lastSeen.set(view, fingerprint);
  return false;
}
