// Date and time fields that read and write the page's own format (zh-CN, Beijing time), whatever the browser's
// locale: a browser's <input type="date"> shows its own locale's order and names. A field marked data-date takes
// "2020-10-31" (also 2020/10/31, 2020.10.31, 20201031, 2020年10月31日); data-datetime takes a date with an optional
// "HH:mm[:ss]". The value is rewritten in the canonical form before any view sees the change, and a value that
// is no date stops the change there, with the field marked and a message beside it.

const DATE = /^(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*[-/.月]?\s*(\d{1,2})\s*日?$/;
const DATE_TIME = /^(.+?)(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function pad(n) {
  return String(n).padStart(2, '0');
}

/** "YYYY-MM-DD" of a typed date, or null when it is no calendar date. */
export function parseDate(text) {
  const match = DATE.exec(String(text ?? '').trim());
  if (!match) return null;
  const [year, month, dayOfMonth] = match.slice(1).map(Number);
  const probe = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== dayOfMonth) return null;
  if (year < 1970 || year > 9999) return null;
  return `${year}-${pad(month)}-${pad(dayOfMonth)}`;
}

/** "YYYY-MM-DD HH:mm:ss" of a typed date and time; a date alone means the end of that day. */
export function parseDateTime(text) {
  const match = DATE_TIME.exec(String(text ?? '').trim());
  if (!match) return null;
  const date = parseDate(match[1]);
  if (!date) return null;
  if (match[2] === undefined) return `${date} 23:59:59`;
  const [hours, minutes, seconds] = [match[2], match[3], match[4] ?? '0'].map(Number);
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return `${date} ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
}

function normalise(input) {
  const text = input.value.trim();
  if (!text) return '';
  return input.hasAttribute('data-datetime') ? parseDateTime(text) : parseDate(text);
}

function mark(input, valid) {
  input.classList.toggle('invalid', !valid);
  input.setAttribute('aria-invalid', String(!valid));
  input.setCustomValidity(valid ? '' : (input.hasAttribute('data-datetime')
    ? '请按“年-月-日 时:分:秒”填写，例如 2020-10-31 18:00:00'
    : '请按“年-月-日”填写，例如 2020-10-31'));
  input.title = input.validationMessage || input.dataset.hint || '';
}

/** Makes every date field under {@code root} (now and later) keep to the page's format. */
export function install(root = document) {
  // Capture: runs before the views' own change listeners, so they only ever see a canonical value.
  root.addEventListener('change', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !(input.hasAttribute('data-date') || input.hasAttribute('data-datetime'))) return;
    const value = normalise(input);
    if (value === null) {
      mark(input, false);
      event.stopImmediatePropagation();
      return;
    }
    mark(input, true);
    input.value = value;
  }, true);
  root.addEventListener('input', (event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && input.classList.contains('invalid') && normalise(input) !== null) mark(input, true);
  });
}
