/**
 * Accounts, sessions and the audit log.
 */
import { z } from 'zod';
import { ROLES } from '@lianxin/core';
import { IdSchema, ListQuerySchema, NameSchema, pageOf, TimestampSchema } from './common';

/** A role. */
export const RoleSchema = z.enum(ROLES);

/** Where an account's authority reaches. */
export const ScopeSchema = z.object({
  unitId: IdSchema.nullable(),
  departmentId: IdSchema.nullable(),
  deputyId: IdSchema.nullable(),
});

/** The signed-in user as the web app sees them. */
export const SessionUserSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
  scope: ScopeSchema,
  permissions: z.array(z.string()),
});

/** Body of `POST /api/v1/auth/login`. */
export const LoginSchema = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }).strict();

/** Answer of login and `GET /api/v1/me`. */
export const LoginResponseSchema = z.object({ user: SessionUserSchema, csrfToken: z.string() });

/** A user account as admins see it. */
export const UserSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
  scope: ScopeSchema,
  email: z.string().nullable(),
  active: z.boolean(),
  lockedUntil: TimestampSchema.nullable(),
  lastLoginAt: TimestampSchema.nullable(),
  version: z.number().int(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
/** A user. */
export type User = z.infer<typeof UserSchema>;

/** Usernames are short ASCII handles. */
export const UsernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, dot, dash, underscore');

/** Passwords: at least 10 characters. */
export const PasswordSchema = z.string().min(10).max(256);

const scopeInput = z
  .object({ unitId: IdSchema.nullable().optional(), departmentId: IdSchema.nullable().optional(), deputyId: IdSchema.nullable().optional() })
  .strict();

/** Body of `POST /api/v1/users`. */
export const UserCreateSchema = z
  .object({
    username: UsernameSchema,
    displayName: NameSchema,
    password: PasswordSchema,
    roles: z.array(RoleSchema).min(1).max(5),
    scope: scopeInput.optional(),
    email: z.email().max(200).nullable().optional(),
  })
  .strict();
/** Body of `PATCH /api/v1/users/{id}`. */
export const UserUpdateSchema = z
  .object({
    displayName: NameSchema.optional(),
    password: PasswordSchema.optional(),
    roles: z.array(RoleSchema).min(1).max(5).optional(),
    scope: scopeInput.optional(),
    email: z.email().max(200).nullable().optional(),
    active: z.boolean().optional(),
    unlock: z.boolean().optional(),
    expectedVersion: z.number().int().optional(),
  })
  .strict();

/** Query of `GET /api/v1/users`. */
export const UserListQuerySchema = ListQuerySchema.extend({ role: RoleSchema.optional() });

/** One entry of the audit log. */
export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string().nullable(),
  /** What the action recorded beside its summary (counts, filters, changed fields): a JSON object whose keys depend on `action`. */
  payload: z.record(z.string(), z.json()),
  ip: z.string().nullable(),
});
/** One entry of the audit log. */
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
/** Query of `GET /api/v1/audit`. */
export const AuditListQuerySchema = ListQuerySchema.extend({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(60).optional(),
});
/** Answer of `GET /api/v1/audit`, newest first. */
export const AuditPageSchema = pageOf(AuditEntrySchema);
