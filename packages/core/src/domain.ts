/**
 * Vocabulary of the liaison network shared by every layer: roles, unit kinds, deputy
 * levels, appeal kinds. Labels are zh-CN first; English for the switch.
 */

/** Account roles (DESIGN §1). */
export const ROLES = ['admin', 'supervisor', 'staff', 'deputy', 'department'] as const;
/** An account role. */
export type Role = (typeof ROLES)[number];

/** The scope field each role needs on its account: a station's unit, a department, a deputy record. */
export const ROLE_SCOPE_FIELD: Record<Role, 'unitId' | 'departmentId' | 'deputyId' | null> = {
  admin: null,
  supervisor: null,
  staff: 'unitId',
  department: 'departmentId',
  deputy: 'deputyId',
};

/** The scope fields `roles` need that `scope` lacks, in role order (staff, department, deputy). */
export function missingScopeFields(
  roles: readonly Role[],
  scope: { unitId?: string | null | undefined; departmentId?: string | null | undefined; deputyId?: string | null | undefined },
): Array<'unitId' | 'departmentId' | 'deputyId'> {
  const order = ['staff', 'department', 'deputy'] as const;
  return order.flatMap((role) => {
    const field = ROLE_SCOPE_FIELD[role];
    return roles.includes(role) && field && !scope[field] ? [field] : [];
  });
}

/** Kinds of organisational unit: the general station, a station, a liaison point. */
export const UNIT_KINDS = ['hub', 'station', 'point'] as const;
/** A unit kind. */
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Which kind of unit may sit directly under which (hub → station → point). */
export const ALLOWED_PARENT_KIND: Record<UnitKind, UnitKind | null> = {
  hub: null,
  station: 'hub',
  point: 'station',
};

/** The five levels of people's congress deputies. */
export const DEPUTY_LEVELS = ['national', 'provincial', 'prefectural', 'county', 'township'] as const;
/** A deputy level. */
export type DeputyLevel = (typeof DEPUTY_LEVELS)[number];

/** The appeal-kind axis of an opinion (咨询/求助/投诉/建议/表扬). */
export const APPEAL_KINDS = ['consultation', 'help', 'complaint', 'suggestion', 'praise'] as const;
/** An appeal kind code. */
export type AppealKindCode = (typeof APPEAL_KINDS)[number];

/** Station peer groups used in evaluation (街道 / 镇 / 乡 / 平台). */
export const REGION_TYPES = ['街道', '镇', '乡', '平台'] as const;

/** zh-CN and English labels for enums shown to people. */
export const LABELS = {
  role: {
    admin: { zh: '系统管理员', en: 'Administrator' },
    supervisor: { zh: '督办人员', en: 'Supervisor' },
    staff: { zh: '联络站工作人员', en: 'Station staff' },
    deputy: { zh: '人大代表', en: 'Deputy' },
    department: { zh: '承办单位', en: 'Department' },
  },
  unitKind: {
    hub: { zh: '联络总站', en: 'General station' },
    station: { zh: '联络站', en: 'Station' },
    point: { zh: '联络点', en: 'Liaison point' },
  },
  deputyLevel: {
    national: { zh: '全国人大代表', en: 'National' },
    provincial: { zh: '省人大代表', en: 'Provincial' },
    prefectural: { zh: '市人大代表', en: 'Prefectural' },
    county: { zh: '县（市）人大代表', en: 'County' },
    township: { zh: '乡镇人大代表', en: 'Township' },
  },
  appealKind: {
    consultation: { zh: '咨询', en: 'Consultation' },
    help: { zh: '求助', en: 'Request for help' },
    complaint: { zh: '投诉', en: 'Complaint' },
    suggestion: { zh: '建议', en: 'Suggestion' },
    praise: { zh: '表扬', en: 'Praise' },
  },
} as const;
