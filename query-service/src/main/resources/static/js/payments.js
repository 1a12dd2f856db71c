// Recording a payment (§8) from the page: the city's share by finance, the district's by its officer. The form
// checks what it can before sending (required, > 0, to the fen, not above what is outstanding, not after today
// in Beijing); whatever the server still refuses (a voucher used before, a date before the award) is shown in
// the server's own words (problem detail, Chinese). A payment is never edited: a mistake is reversed.

import * as api from './api.js';
import { parseDate } from './datefields.js';
import { esc, STATUS, toFen, yuan } from './format.js';

export const SOURCE = {
  MUNICIPAL: '市级资金',
  DISTRICT: '区级配套',
};

const PICKABLE = ['AWARDED', 'TOPPED_UP'];
const PICK_SIZE = 200;

/** Today's date in Beijing, "YYYY-MM-DD" (the call's dates are Beijing dates). */
export function beijingToday(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  }).format(now);
}

let me = { user: null, answer: null };

/**
 * Who is logged in ({role, district}): the page's session if the caller has it, else GET api/me, asked once per
 * user name; {role: null} when neither says, and then every form is offered and the server decides.
 */
export async function currentUser(session) {
  if (session) return { role: session.role ?? null, district: session.district ?? null };
  if (me.user !== api.username() || !me.answer) {
    me = {
      user: api.username(),
      answer: api.get('api/me')
        .then((body) => ({ role: (body.roles || [])[0] ?? null, district: body.district ?? null }))
        .catch(() => ({ role: null, district: null })),
    };
  }
  return me.answer;
}

/** Whether the user may record payments of this source (unknown role: offered, the server decides). */
export async function mayRecord(source, session) {
  const { role } = await currentUser(session);
  if (!role) return true;
  return source === 'MUNICIPAL' ? role === 'FINANCE' : role === 'DISTRICT_OFFICER';
}

function outstandingOf(application, source) {
  const share = source === 'MUNICIPAL' ? application.municipalShare : application.districtShare;
  const paid = source === 'MUNICIPAL' ? application.municipalPaid : application.districtPaid;
  return toFen(share) - toFen(paid);
}

function fenText(fen) {
  return `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
}

/** The awarded and topped-up applications the user may see (a district officer: their district's), with money outstanding. */
async function pickable(source, query) {
  const lists = await Promise.all(PICKABLE.map((status) => api.get('api/applications',
    { status, q: query || null, page: 0, size: PICK_SIZE })));
  return lists.flatMap((body) => body.items || [])
    .map((a) => ({ ...a, outstanding: outstandingOf(a, source) }))
    .filter((a) => a.outstanding > 0n)
    .sort((a, b) => String(a.projectName).localeCompare(String(b.projectName), 'zh-CN'));
}

/** Checks the form's values; a map of field → Chinese message, empty when all is well. */
export function validate({ application, amount, paidOn, voucher }, outstandingFen, today) {
  const errors = {};
  if (!application) errors.application = '请选择项目';
  const text = (amount || '').replace(/[,，\s]/g, '');
  if (!text) {
    errors.amount = '请输入拨付金额';
  } else if (!/^\d+(\.\d+)?$/.test(text)) {
    errors.amount = '金额应为数字（单位：元）';
  } else if (!/^\d+(\.\d{1,2})?$/.test(text)) {
    errors.amount = '金额最多保留两位小数（到分）';
  } else if (toFen(text) <= 0n) {
    errors.amount = '拨付金额必须大于 0';
  } else if (outstandingFen !== null && toFen(text) > outstandingFen) {
    errors.amount = `拨付金额不能超过尚未拨付的 ${yuan(fenText(outstandingFen))} 元`;
  }
  if (!paidOn) {
    errors.paidOn = '请填写拨付日期';
  } else if (!parseDate(paidOn)) {
    errors.paidOn = '请按“年-月-日”填写拨付日期，例如 2021-01-15';
  } else if (parseDate(paidOn) > today) {
    errors.paidOn = `拨付日期不能晚于今日（北京时间 ${today}）`;
  }
  if (!(voucher || '').trim()) errors.voucher = '请输入拨付凭证号';
  return errors;
}

/**
 * Draws a payment form of `source` into `container` and wires it; `onRecorded(answer)` runs after the server
 * accepted a payment. Returns `reload()`, which refreshes the list of applications (outstanding figures).
 */
export function mount(container, source, { onRecorded = () => {} } = {}) {
  const id = (name) => `payment-${source.toLowerCase()}-${name}`;
  const title = source === 'MUNICIPAL' ? '记录市级资金拨付' : '记录区级配套资金拨付';
  container.innerHTML = `<form class="payment-form" id="${id('form')}" data-source="${source}" novalidate>
      <h2>${title} <small>拨付后不可修改，如有差错请冲销后重新记录</small></h2>
      <div class="fields">
        <label class="wide">项目
          <span class="pick">
            <input type="search" id="${id('filter')}" placeholder="按项目名称、信用代码或编号筛选" autocomplete="off">
            <select id="${id('application')}" name="application" required></select>
          </span>
          <span class="field-error" data-error-for="application"></span>
        </label>
        <label>金额（元）
          <input id="${id('amount')}" name="amount" inputmode="decimal" autocomplete="off" placeholder="例如 800000.00">
          <span class="field-error" data-error-for="amount"></span>
        </label>
        <label>拨付日期
          <input id="${id('paid-on')}" name="paidOn" data-date placeholder="年-月-日" inputmode="numeric" autocomplete="off">
          <span class="field-error" data-error-for="paidOn"></span>
        </label>
        <label>凭证号
          <input id="${id('voucher')}" name="voucher" maxlength="1000" autocomplete="off" placeholder="例如 津财指〔2021〕12号">
          <span class="field-error" data-error-for="voucher"></span>
        </label>
      </div>
      <p class="outstanding muted" id="${id('outstanding')}"></p>
      <p class="error" id="${id('error')}" role="alert"></p>
      <p class="success" id="${id('result')}" role="status"></p>
      <button type="submit" id="${id('submit')}">记录拨付</button>
    </form>`;
  const $ = (name) => document.getElementById(id(name));
  const form = $('form');
  let choices = [];
  let filterTimer = null;

  const chosen = () => choices.find((a) => a.id === $('application').value) ?? null;

  function showOutstanding() {
    const a = chosen();
    $('outstanding').textContent = a
      ? `${SOURCE[source]}：承诺 ${yuan(source === 'MUNICIPAL' ? a.municipalShare : a.districtShare)} 元，`
        + `已拨付 ${yuan(source === 'MUNICIPAL' ? a.municipalPaid : a.districtPaid)} 元，尚未拨付 ${yuan(fenText(a.outstanding))} 元`
      : '';
  }

  async function reload() {
    const keep = $('application').value;
    try {
      choices = await pickable(source, $('filter').value.trim());
    } catch (error) {
      if (error.status === 401) return;
      choices = [];
      $('error').textContent = `项目列表加载失败：${error.message}`;
    }
    $('application').innerHTML = `<option value="">${choices.length ? '请选择项目' : '没有尚有未拨付资金的已立项项目'}</option>`
      + choices.map((a) => `<option value="${esc(a.id)}" data-outstanding="${fenText(a.outstanding)}">`
        + `${esc(a.projectName)}（${esc(STATUS[a.status] ?? a.status)}，尚未拨付 ${yuan(fenText(a.outstanding))} 元）</option>`).join('');
    if (choices.some((a) => a.id === keep)) $('application').value = keep;
    showOutstanding();
  }

  /**
   * The read side takes the payment in a moment after the command side accepted it: the picker is read again
   * until it shows the application's new outstanding figure (or no longer offers it, all paid), for a few seconds.
   */
  async function reloadUntilShown(applicationId, outstandingFen) {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await reload();
      const a = choices.find((c) => c.id === applicationId);
      if (!a || a.outstanding === outstandingFen) return;
      await new Promise((resolve) => { setTimeout(resolve, 500); });
    }
  }

  function showErrors(errors) {
    form.querySelectorAll('[data-error-for]').forEach((element) => {
      element.textContent = errors[element.dataset.errorFor] ?? '';
    });
    form.querySelectorAll('[name]').forEach((input) => {
      input.toggleAttribute('aria-invalid', Boolean(errors[input.name]));
    });
  }

  $('application').addEventListener('change', showOutstanding);
  $('filter').addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(reload, 300);
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    $('error').textContent = '';
    $('result').textContent = '';
    const today = beijingToday();
    const values = {
      application: $('application').value,
      amount: $('amount').value,
      paidOn: $('paid-on').value,
      voucher: $('voucher').value,
    };
    const application = chosen();
    const errors = validate(values, application ? application.outstanding : null, today);
    showErrors(errors);
    if (Object.keys(errors).length) return;
    const amount = values.amount.replace(/[,，\s]/g, '');
    // the amount goes out as the decimal typed, never through a binary floating-point number
    const body = JSON.stringify({ source, amount: '__AMOUNT__', paidOn: parseDate(values.paidOn), voucher: values.voucher.trim() })
      .replace('"__AMOUNT__"', amount);
    $('submit').disabled = true;
    try {
      const answer = await api.post(`api/applications/${encodeURIComponent(values.application)}/disbursements`, body);
      $('result').textContent = `已记录：${application.projectName}，${SOURCE[source]} ${yuan(answer.amount)} 元；`
        + `该项目${SOURCE[source]}已拨付 ${yuan(answer.paid)} 元，尚未拨付 ${yuan(answer.outstanding)} 元`;
      $('result').dataset.disbursementId = answer.disbursementId ?? '';
      $('amount').value = '';
      $('voucher').value = '';
      onRecorded(answer);
      await reloadUntilShown(values.application, toFen(answer.outstanding));
    } catch (error) {
      if (error.status !== 401) {
        $('error').textContent = `未能记录：${error.message}`;
        $('error').dataset.code = error.code ?? '';
      }
    } finally {
      $('submit').disabled = false;
    }
  });

  return { reload };
}

/** Asks for a reason and reverses a payment (§8); resolves to true when the server accepted the reversal. */
export async function reverse(entry, banner) {
  const reason = window.prompt(`冲销 ${entry.projectName ?? ''} 的拨付 ${yuan(entry.amount)} 元（凭证号 ${entry.voucher}）。请输入冲销原因：`);
  if (reason === null) return false;
  if (!reason.trim()) {
    banner('冲销原因不能为空');
    return false;
  }
  try {
    await api.post(`api/applications/${encodeURIComponent(entry.applicationId)}/disbursements/`
      + `${encodeURIComponent(entry.disbursementId)}/reversal`, JSON.stringify({ reason: reason.trim() }));
    banner(`已冲销凭证号 ${entry.voucher} 的拨付 ${yuan(entry.amount)} 元`, 'notice');
    return true;
  } catch (error) {
    if (error.status !== 401) banner(`未能冲销：${error.message}`);
    return false;
  }
}
