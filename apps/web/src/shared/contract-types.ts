/**
 * Types of the API's records, inferred from the shared zod schemas. Type-only: nothing
 * from zod or the contracts package ends up in the bundles.
 */
import type { z } from 'zod';
import type {
  AppealKindSchema,
  CategorySchema,
  DepartmentSchema,
  DeputySchema,
  LoginResponseSchema,
  PublicDeputySchema,
  PublicUnitSchema,
  SessionUserSchema,
  TopicSchema,
  UnitSchema,
  UserSchema,
} from '@lianxin/contracts';

export type Unit = z.infer<typeof UnitSchema>;
export type PublicUnit = z.infer<typeof PublicUnitSchema>;
export type Deputy = z.infer<typeof DeputySchema>;
export type PublicDeputy = z.infer<typeof PublicDeputySchema>;
export type Department = z.infer<typeof DepartmentSchema>;
export type Category = z.infer<typeof CategorySchema>;
export type AppealKind = z.infer<typeof AppealKindSchema>;
export type Topic = z.infer<typeof TopicSchema>;
export type User = z.infer<typeof UserSchema>;
export type SessionUser = z.infer<typeof SessionUserSchema>;
export type LoginResponse = z.infer<typeof LoginResponseSchema>;
export type Role = User['roles'][number];
export type DeputyLevel = Deputy['levels'][number];
export type UnitKind = Unit['kind'];

/** A page of a list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
}
