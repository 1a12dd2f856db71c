// The award computation of contract §1 written out for a person, from the application's own figures and the
// call's rates and caps as GET /api/reference gives them (ProgramRules): ceiling(tier) = floor_to_fen(min(rate ×
// eligibleInvestment, cap)); amount = min(requested, ceiling); districtShare = floor_to_fen(amount / 2),
// municipalShare = amount − districtShare; top-up = ceiling(MIIT_PILOT) − awarded. All in whole fen (BigInt), so the
// page's figures are the server's to the fen; the page compares them with what the ledger holds and says so.

import { toFen } from './format.js';

/** A rate such as 0.2 as an exact fraction of 10 000. */
function rateParts(rate) {
  const text = typeof rate === 'number' ? rate.toFixed(4) : String(rate);
  const [whole, decimals = ''] = text.split('.');
  const scaled = BigInt(whole) * 10_000n + BigInt(decimals.padEnd(4, '0').slice(0, 4));
  return { numerator: scaled, denominator: 10_000n };
}

const min = (a, b) => (a < b ? a : b);

export function percent(rate) {
  const { numerator } = rateParts(rate);
  const hundredths = numerator / 100n;
  const rest = numerator % 100n;
  return rest === 0n ? `${hundredths}%` : `${hundredths}.${rest.toString().padStart(2, '0').replace(/0+$/, '')}%`;
}

/** fen → "123.45" (what yuan() formats). */
export function fenText(fen) {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export function ceiling(tier, eligibleFen) {
  const { numerator, denominator } = rateParts(tier.rate);
  const byRate = (eligibleFen * numerator) / denominator; // floor to the fen: every figure is ≥ 0
  const cap = toFen(tier.cap);
  return { byRate, cap, ceiling: min(byRate, cap) };
}

export function split(amountFen) {
  const district = amountFen / 2n;
  return { municipal: amountFen - district, district };
}

/**
 * The computation for one application: its tier (the awarded one, else the one it may claim), the ceiling, the
 * amount, its split, and a top-up where the award was MUNICIPAL and the project was later selected as MIIT pilot.
 */
export function compute(application, tiers) {
  const byCode = new Map((tiers || []).map((t) => [t.code, t]));
  const tierCode = application.tier ?? application.claimableTier ?? 'MUNICIPAL';
  const tier = byCode.get(tierCode === 'MIIT_PILOT' && application.status === 'TOPPED_UP' ? 'MUNICIPAL' : tierCode);
  if (!tier) return null;
  const eligible = toFen(application.eligibleInvestment);
  const requested = toFen(application.requestedSpecialFunds);
  const awardCeiling = ceiling(tier, eligible);
  const amount = min(requested, awardCeiling.ceiling);
  const result = {
    tier,
    eligible,
    requested,
    ...awardCeiling,
    amount,
    shares: split(amount),
    decided: ['AWARDED', 'TOPPED_UP'].includes(application.status),
    topUp: null,
  };
  if (application.status === 'TOPPED_UP' && byCode.has('MIIT_PILOT')) {
    const pilot = ceiling(byCode.get('MIIT_PILOT'), eligible);
    const topUp = pilot.ceiling > amount ? pilot.ceiling - amount : 0n;
    result.topUp = { tier: byCode.get('MIIT_PILOT'), ...pilot, amount: topUp, shares: split(topUp) };
  }
  const topUpAmount = result.topUp?.amount ?? 0n;
  result.total = amount + topUpAmount;
  result.municipal = result.shares.municipal + (result.topUp?.shares.municipal ?? 0n);
  result.district = result.shares.district + (result.topUp?.shares.district ?? 0n);
  return result;
}
