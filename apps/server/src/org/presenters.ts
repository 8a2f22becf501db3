/**
 * Records → API shapes. Contact data leaves the server masked unless revealed through
 * an audited endpoint; internal columns (paths, hashes, ciphertext) never leave.
 */
import type { Category, Department, Deputy, PublicDeputyList, PublicUnitList, Topic, Unit, User } from '@lianxin/contracts';
import { can } from '@lianxin/core';
import { maskPhone, maskEmail } from '@lianxin/text';
import type { CategoryRecord, DepartmentRecord, DeputyRecord, TopicRecord, UnitRecord, UserRecord } from '@lianxin/storage';
import type { ContactCipher } from '../platform/adapters/contact-cipher';
import type { RequestActor } from '../auth/actor';

/** A unit for staff. */
export function presentUnit(u: UnitRecord): Unit {
  const { path: _path, ...rest } = u;
  return rest;
}

/** A unit for the public. */
export function presentPublicUnit(u: UnitRecord): PublicUnitList['items'][number] {
  return {
    id: u.id,
    name: u.name,
    kind: u.kind,
    parentId: u.parentId,
    region: u.region,
    regionType: u.regionType,
    address: u.address,
    phone: u.phone,
    openingHours: u.openingHours,
    brands: u.brands,
    pointKind: u.pointKind,
  };
}

/** A deputy for staff, with masked contact. */
export function presentDeputy(d: DeputyRecord, cipher: ContactCipher): Deputy {
  return {
    id: d.id,
    name: d.name,
    gender: d.gender,
    levels: d.levels,
    homeUnitId: d.homeUnitId,
    sector: d.sector,
    position: d.position,
    profile: d.profile,
    contact: { phone: maskPhone(cipher.decrypt(d.phoneEnc)), email: maskEmail(cipher.decrypt(d.emailEnc)) },
    contactMasked: true,
    active: d.active,
    version: d.version,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

/** A deputy's public profile: no contact data at all. */
export function presentPublicDeputy(d: DeputyRecord): PublicDeputyList['items'][number] {
  return { id: d.id, name: d.name, levels: d.levels, homeUnitId: d.homeUnitId, sector: d.sector, position: d.position, profile: d.profile };
}

/** A department; the liaison phone is plain for those who maintain departments (`department.manage`: admins), masked for others. */
export function presentDepartment(d: DepartmentRecord, cipher: ContactCipher, actor: RequestActor): Department {
  const phone = cipher.decrypt(d.liaisonPhoneEnc);
  return {
    id: d.id,
    name: d.name,
    shortName: d.shortName,
    liaisonName: d.liaisonName,
    liaisonPhone: can(actor, 'department.manage') ? phone : maskPhone(phone),
    sortOrder: d.sortOrder,
    active: d.active,
    version: d.version,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

/** A category. */
export function presentCategory(c: CategoryRecord): Category {
  return c;
}

/** A topic. */
export function presentTopic(t: TopicRecord): Topic {
  return t;
}

/** An account without its password hash or counters. */
export function presentUser(u: UserRecord): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    scope: { unitId: u.unitId, departmentId: u.departmentId, deputyId: u.deputyId },
    email: u.email,
    active: u.active,
    lockedUntil: u.lockedUntil,
    lastLoginAt: u.lastLoginAt,
    version: u.version,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}
