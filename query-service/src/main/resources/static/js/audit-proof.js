// 审计查询 · 防篡改证明: each timeline event's leaf index and a verified mark, and the application's proof bundle.
// The mark is computed here, in the browser, from the bundle (docs/tamper-evidence.md): the event's canonical bytes
// hash (SHA-256, 0x00 ‖ bytes) to its leaf hash, which is the one /history shows, and its inclusion proof leads
// (RFC 9162 §2.1.3.2) to the root of the latest signed checkpoint. The auditor's own check stays the offline
// verifier on the downloaded bundle, which also checks the signatures.

import * as api from './api.js';
import { count, esc } from './format.js';

const PENDING_TREE = '待入树';
const NOT_CHECKPOINTED = '未验证';

/** The leaf index and the mark's placeholder, for an event of /history. */
export function eventBadges(event) {
  if (event.leafIndex === null || event.leafIndex === undefined) {
    return `<span class="leaf-index muted" data-testid="leaf-index">叶 —</span>
      <span class="proof-mark pending" data-proof-sequence="${esc(event.sequence)}" data-proof="pending-tree"
        title="事件尚未写入默克尔树">${PENDING_TREE}</span>`;
  }
  return `<span class="leaf-index" data-testid="leaf-index" title="叶哈希 ${esc(event.leafHash ?? '')}">叶 #${esc(event.leafIndex)}</span>
    <span class="proof-mark pending" data-proof-sequence="${esc(event.sequence)}" data-proof="checking"
      data-leaf-index="${esc(event.leafIndex)}" data-leaf-hash="${esc(event.leafHash ?? '')}">校验中…</span>`;
}

/** The download button for the timeline's heading. */
export function bundleButton() {
  return '<button type="button" class="secondary" data-proof-bundle data-testid="proof-bundle">下载证明包</button>';
}

/** Listens for the download button inside {@code container}; {@code currentId} names the open application. */
export function init(container, currentId, banner = () => {}) {
  container.addEventListener('click', (event) => {
    if (event.target.closest('[data-proof-bundle]') && currentId()) download(currentId(), banner);
  });
}

/** Fetches the bundle and sets every mark in {@code timeline}; with {@code onlyIfPending}, only while one waits. */
export async function verifyTimeline(timeline, applicationId, { onlyIfPending = false } = {}) {
  const marks = [...timeline.querySelectorAll('[data-proof-sequence]')];
  if (onlyIfPending && !marks.some((mark) => mark.dataset.proof !== 'verified' && mark.dataset.proof !== 'failed')) return;
  let bundle;
  try {
    bundle = await api.get(`api/applications/${encodeURIComponent(applicationId)}/proof-bundle`);
  } catch (error) {
    marks.filter((mark) => mark.dataset.proof === 'checking').forEach((mark) => set(mark, 'unverified',
      NOT_CHECKPOINTED, `无法取得证明包：${error.message}`));
    return;
  }
  if (!timeline.isConnected) return;
  const checkpoint = parseCheckpoint(bundle.checkpoint);
  // WebCrypto exists only in a secure context (HTTPS, or the page on localhost).
  const unavailable = !globalThis.crypto?.subtle ? '浏览器在非 HTTPS 页面上不提供 WebCrypto，无法在页面中校验'
    : checkpoint && checkpoint.size !== bundle.treeSize ? '证明包的树大小与其检查点不一致' : null;
  const bySequence = new Map((bundle.events || []).map((event) => [String(event.sequence), event]));
  await Promise.all(marks.map(async (mark) => {
    if (mark.dataset.proof === 'pending-tree') return;
    const event = bySequence.get(mark.dataset.proofSequence);
    const leafIndex = Number(mark.dataset.leafIndex);
    if (unavailable) {
      set(mark, 'unverified', NOT_CHECKPOINTED, unavailable);
      return;
    }
    if (!checkpoint || !event || event.inclusionProof === null || leafIndex >= checkpoint.size) {
      set(mark, 'unverified', NOT_CHECKPOINTED, checkpoint
        ? `叶 #${leafIndex} 尚未进入已签名的检查点（树大小 ${count(checkpoint.size)}）`
        : '尚无已签名的检查点');
      return;
    }
    const problem = await check(event, mark.dataset.leafHash, leafIndex, checkpoint);
    if (problem) {
      set(mark, 'failed', '验证失败', problem);
    } else {
      set(mark, 'verified', '已验证', `叶 #${leafIndex} 的包含证明在检查点（树大小 ${count(checkpoint.size)}）的根上验证通过`);
    }
  }));
}

function set(mark, state, text, title) {
  mark.dataset.proof = state;
  mark.className = `proof-mark ${state}`;
  mark.textContent = text;
  mark.title = title;
}

/** What is wrong with the event's proof, or null when it verifies. */
async function check(event, historyLeafHash, leafIndex, checkpoint) {
  if (event.leafIndex !== leafIndex || event.leafHash !== historyLeafHash) return '证明包中的叶与历史记录不一致';
  const canonical = fromBase64(event.canonical ?? '');
  const leafHash = await sha256(concat(Uint8Array.of(0), canonical));
  if (toBase64(leafHash) !== event.leafHash) return '事件的规范字节与叶哈希不符';
  const root = await rootFromInclusionProof(BigInt(leafIndex), BigInt(checkpoint.size), leafHash,
    event.inclusionProof.map(fromBase64));
  return root !== null && toBase64(root) === checkpoint.root ? null : '包含证明未通向检查点的根';
}

/** origin, size and root of a checkpoint's text (its signature is the offline verifier's to check). */
function parseCheckpoint(text) {
  const lines = String(text ?? '').split('\n');
  if (lines.length < 3 || !/^(0|[1-9][0-9]*)$/.test(lines[1])) return null;
  return { origin: lines[0], size: Number(lines[1]), root: lines[2] };
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof implies, or null if the proof has the wrong shape. */
async function rootFromInclusionProof(leafIndex, treeSize, leafHash, path) {
  if (leafIndex >= treeSize) return null;
  let fn = leafIndex;
  let sn = treeSize - 1n;
  let r = leafHash;
  for (const p of path) {
    if (p.length !== 32 || sn === 0n) return null;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? r : null;
}

function nodeHash(left, right) {
  return sha256(concat(Uint8Array.of(1), left, right));
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function toBase64(bytes) {
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary);
}

async function download(applicationId, banner) {
  try {
    const blob = await api.download(`api/applications/${encodeURIComponent(applicationId)}/proof-bundle`, {},
      'application/json');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `proof-bundle-${applicationId}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  } catch (error) {
    if (error.status !== 401) banner(`下载证明包失败：${error.message}`);
  }
}
