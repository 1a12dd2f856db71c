// Every application the user may see, from the list endpoint page by page; kept briefly so that the
// ledger's names and the auditor's search do not fetch the whole list on every refresh.

import * as api from './api.js';

const PAGE_SIZE = 200;
const FRESH_MS = 15_000;

let cache = { at: 0, items: [], byId: new Map() };
let loading = null;

async function loadAll() {
  const items = [];
  for (let page = 0; ; page += 1) {
    const body = await api.get('api/applications', { page, size: PAGE_SIZE });
    const batch = body.items || [];
    items.push(...batch);
    if (batch.length === 0 || items.length >= (body.total ?? items.length)) break;
  }
  cache = { at: Date.now(), items, byId: new Map(items.map((a) => [a.id, a])) };
  return cache;
}

/** All visible applications; reloaded when older than a few seconds or when `force` is set. */
export async function all({ force = false } = {}) {
  if (!force && Date.now() - cache.at < FRESH_MS) return cache;
  if (!loading) loading = loadAll().finally(() => { loading = null; });
  return loading;
}

/** The cached application with this id, if any. */
export function known(id) {
  return cache.byId.get(id);
}
