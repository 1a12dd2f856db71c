// Chinese names of directions and districts, as GET /api/reference gives them (the guide's own wording).

function entries(list) {
  if (!Array.isArray(list)) return [];
  return list
    .filter((item) => item && item.code)
    .map((item) => [item.code, item.name ?? item.displayName ?? item.code]);
}

export class Labels {
  constructor(reference = {}) {
    this.directions = new Map(entries(reference.directions));
    this.districts = new Map(entries(reference.districts));
  }

  direction(code) {
    return this.directions.get(code) ?? code;
  }

  district(code) {
    return this.districts.get(code) ?? code;
  }

  /** Learns names the dashboards carry themselves, in case the reference lacked them. */
  learn(kind, list) {
    const map = kind === 'direction' ? this.directions : this.districts;
    (list || []).forEach((item) => {
      if (item?.code && item.name && !map.has(item.code)) map.set(item.code, item.name);
    });
  }
}
