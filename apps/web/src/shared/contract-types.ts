/**
 * Types of the API's records, inferred from the shared zod schemas. Type-only: nothing
 * from zod or the contracts package ends up in the bundles.
 */
import type { z } from 'zod';
import type {
  AppealKindSchema,
  CaseCreateSchema,
  CategorySchema,
  DepartmentSchema,
  DeputySchema,
  ExportJobSchema,
  LoginResponseSchema,
  OpinionReceiptSchema,
  OpinionSubmitSchema,
  OpinionViewSchema,
  PublicCategorySchema,
  PublicDeputySchema,
  PublicUnitSchema,
  SessionUserSchema,
  RatingSchema,
  TopicSchema,
  UnitSchema,
  UploadedAttachmentSchema,
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
export type PublicCategory = z.infer<typeof PublicCategorySchema>;
/** Body of the public submission. */
export type OpinionSubmit = z.input<typeof OpinionSubmitSchema>;
/** Answer of the public submission. */
export type OpinionReceipt = z.infer<typeof OpinionReceiptSchema>;
/** The citizen's tracking view of an opinion. */
export type OpinionView = z.infer<typeof OpinionViewSchema>;
/** Body of a citizen's rating. */
export type RatingBody = z.input<typeof RatingSchema>;
export type CaseRating = RatingBody['rating'];
/** Body of the console's offline intake. */
export type CaseCreate = z.input<typeof CaseCreateSchema>;
/** An offline channel. */
export type OfflineChannel = CaseCreate['channel'];
/** An appeal kind code. */
export type AppealKindCode = AppealKind['code'];

/** An appeal kind as the public endpoint lists it; the proof-of-work challenge of the public submission. */
export type { PublicAppealKind, PublicChallenge } from '@lianxin/contracts';

/** An uploaded attachment. */
export type UploadedAttachment = z.infer<typeof UploadedAttachmentSchema>;

/** A page of a list endpoint (the shape of the contracts' `pageOf`). */
export interface Page<T> {
  items: T[];
  total: number;
}
export type ExportJob = z.infer<typeof ExportJobSchema>;
