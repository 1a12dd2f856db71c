// Chinese names of the call's codes, as GET /api/reference gives them (the guide's own wording): directions,
// districts, expenditure categories (with the excluded ones), materials, tiers (with rate and cap) and roles.

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
    this.categories = new Map((reference.expenditureCategories || []).map((c) => [c.code, c]));
    this.materials = new Map((reference.materials || []).map((m) => [m.code, m]));
    this.roles = new Map(entries(reference.roles));
    this.tiers = reference.tiers || [];
  }

  role(code) {
    return this.roles.get(code);
  }

  category(code) {
    return this.categories.get(code)?.name ?? code;
  }

  /** §6: counts in total investment, never in eligible investment. */
  excluded(code) {
    return this.categories.get(code)?.excluded === true;
  }

  material(code) {
    return this.materials.get(code)?.name ?? code;
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
