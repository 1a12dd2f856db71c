// The dead-letter notice for ADMIN: events a read model could not apply, per read model, from the projections'
// status (403 for every other role, which then sees nothing).

import * as api from './api.js';

const NAMES = {
  'applications-view': '申报列表',
  'dashboard-view': '总览与各区看板',
  'finance-ledger': '资金承诺台账',
};

// asked once per user: a user refused (not ADMIN) is not asked again
let refusedUser = null;

export async function refresh(element) {
  if (refusedUser !== null && refusedUser === api.username()) return;
  let status;
  try {
    status = await api.get('/api/admin/projections/status');
  } catch (error) {
    if (error.status === 403) refusedUser = api.username();
    element.hidden = true;
    return;
  }
  const parked = Object.entries(status.deadLetters || {}).filter(([, count]) => count > 0);
  element.hidden = parked.length === 0;
  element.textContent = parked.length === 0 ? ''
    : `有事件未能写入读模型（已暂存，其余数据照常更新）：${parked
      .map(([group, count]) => `${NAMES[group] || group} ${count} 条`).join('，')}。`
      + '排除原因后请调用 POST /api/admin/projections/dead-letters/retry 重新处理。';
}
