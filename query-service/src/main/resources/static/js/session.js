// Who is logged in (GET /api/me) and what that role may use: its views, the one it lands on, and whether it may
// read an application's history (contract §4/§5). The page never offers a view or a link the server would refuse.

export const VIEWS_OF_ROLE = {
  PROGRAM_MANAGER: ['overview', 'districts', 'finance', 'auditor'],
  ADMIN: ['overview', 'districts', 'finance', 'auditor'],
  AUDITOR: ['auditor', 'overview', 'districts', 'finance'],
  FINANCE: ['finance', 'overview', 'districts', 'auditor'],
  DISTRICT_OFFICER: ['districts', 'auditor', 'overview'],
  REVIEWER: ['overview', 'auditor', 'districts'],
};

/** The application list's name: the auditor's query for those who may read histories, a lookup for the rest. */
const AUDITOR_TAB = {
  DISTRICT_OFFICER: '本区项目',
  FINANCE: '项目查询',
  REVIEWER: '项目查询',
};

export class Session {
  constructor(me) {
    this.user = me.user;
    this.role = (me.roles || [])[0] ?? null;
    this.district = me.district ?? null;
    this.displayName = me.displayName ?? '';
  }

  /** The views this role may use, its landing view first. */
  views() {
    return VIEWS_OF_ROLE[this.role] ?? [];
  }

  landing() {
    return this.views()[0] ?? null;
  }

  mayUse(view) {
    return this.views().includes(view);
  }

  tabLabel(view, fallback) {
    return view === 'auditor' ? (AUDITOR_TAB[this.role] ?? fallback) : fallback;
  }

  /** §4: /history for auditors, program managers, admins and the officer of the application's own district. */
  mayReadHistory(district) {
    if (['AUDITOR', 'PROGRAM_MANAGER', 'ADMIN'].includes(this.role)) return true;
    return this.role === 'DISTRICT_OFFICER' && district === this.district;
  }

  /** A district officer's lists are its district's; the filter is fixed to it. */
  fixedDistrict() {
    return this.role === 'DISTRICT_OFFICER' ? this.district : null;
  }
}
