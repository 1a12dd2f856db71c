// The applications this page has already read (the pages of the application list and the details opened), by id,
// for a view that wants a name it was not sent. It never loads the list itself: that is the server's to search
// and page (GET /api/applications?q=&page=&size=), and the ledgers' entries carry their project names.

let cache = { items: [], byId: new Map() };

/** Keeps what a view has read (a page of the list, one application). */
export function remember(items) {
  const byId = new Map(cache.byId);
  (items || []).forEach((item) => { if (item?.id) byId.set(item.id, item); });
  cache = { items: [...byId.values()], byId };
}

/** What the page has read so far; resolves at once, with no request. */
export async function all() {
  return cache;
}

/** The application with this id, if the page has read it. */
export function known(id) {
  return cache.byId.get(id);
}
