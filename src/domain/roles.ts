/**
 * Staff roles and what each allows. The workflow (workflow.ts) asks `can` for the permission an
 * action needs; routes guard with the same table (src/staff/guard.ts), so a role means one thing.
 */

export const STAFF_ROLES = ['editor', 'reviewer', 'admin', 'crisis', 'consular'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

export const ROLE_DESCRIPTIONS: Record<StaffRole, string> = {
  editor: 'Editor: drafts advisories and submits them for review',
  reviewer: 'Reviewer: also approves, returns, publishes and schedules',
  admin: 'Admin: everything, plus staff accounts and settings',
  crisis: 'Crisis staff: issues alerts, declares crises and sends check-ins; reads advisories but cannot edit them',
  consular: 'Consular staff: works assistance and detention cases; reads advisories but cannot edit them',
};

/** Which roles hold each permission. Later features add their own rows. */
export const PERMISSIONS = {
  /** See the console, drafts, history, the audit log and the sources' sync log. */
  read: ['editor', 'reviewer', 'admin', 'crisis', 'consular'],
  /** Start, edit and submit drafts. */
  edit: ['editor', 'reviewer', 'admin'],
  /** Approve, return, publish, schedule and reissue. */
  review: ['reviewer', 'admin'],
  /** Staff accounts and settings. */
  administer: ['admin'],
  /** Issue, update and cancel embassy alerts (docs/alerts.md). */
  alert: ['admin', 'crisis'],
  /** Verify organisations and withdraw their verification (docs/security.md, "Organisations"). */
  verifyOrganisations: ['admin'],
  /** Declare and close crises, send check-in waves, see who answered (docs/crises.md). */
  crises: ['admin', 'crisis'],
  /** Group requests for help to leave into departures, message their people, export manifests (docs/crises.md). */
  departures: ['admin', 'crisis', 'consular'],
  /**
   * Assistance and consular cases: open, read and work them (docs/cases.md). Nobody else sees a
   * case, its audit entries included. Designating wrongful detention is admin-only (src/domain/cases.ts).
   */
  cases: ['admin', 'consular'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: StaffRole | 'system', permission: Permission): boolean {
  return role !== 'system' && (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}
