/**
 * Organisation: units, deputies, departments, categories, appeal kinds, topics.
 */
import { z } from 'zod';
import { APPEAL_KINDS, DEPUTY_LEVELS, UNIT_KINDS } from '@lianxin/core';
import { IdSchema, ListQuerySchema, NameSchema, ShortTextSchema, TimestampSchema } from './common';

/** A unit kind. */
export const UnitKindSchema = z.enum(UNIT_KINDS);
/** A deputy level. */
export const DeputyLevelSchema = z.enum(DEPUTY_LEVELS);
/** An appeal kind code. */
export const AppealKindCodeSchema = z.enum(APPEAL_KINDS);

/** A unit of the liaison network as staff see it. */
export const UnitSchema = z.object({
  id: IdSchema,
  parentId: IdSchema.nullable(),
  kind: UnitKindSchema,
  name: z.string(),
  region: z.string().nullable(),
  regionType: z.string().nullable(),
  pointKind: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  openingHours: z.string().nullable(),
  brands: z.array(z.string()),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
/** A unit. */
export type Unit = z.infer<typeof UnitSchema>;

const unitFields = {
  name: NameSchema,
  region: ShortTextSchema.nullable().optional(),
  regionType: z.string().trim().max(20).nullable().optional(),
  pointKind: z.string().trim().max(50).nullable().optional(),
  address: ShortTextSchema.nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  openingHours: ShortTextSchema.nullable().optional(),
  brands: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
};

/** Body of `POST /api/v1/units`. */
export const UnitCreateSchema = z.object({ kind: UnitKindSchema, parentId: IdSchema.nullable(), ...unitFields }).strict();
/** Body of `PATCH /api/v1/units/{id}`; `active: false` deactivates. */
export const UnitUpdateSchema = z
  .object({ ...unitFields, name: NameSchema.optional(), active: z.boolean().optional(), expectedVersion: z.number().int().optional() })
  .strict();

/** Public view of a unit (API.md). */
export const PublicUnitSchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: UnitKindSchema,
  parentId: IdSchema.nullable(),
  region: z.string().nullable(),
  regionType: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  openingHours: z.string().nullable(),
  brands: z.array(z.string()),
  pointKind: z.string().nullable(),
});

/** Private contact of a deputy; shown masked unless revealed. */
export const ContactSchema = z.object({
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

/** A deputy as staff see them. `contact` is masked unless the caller revealed it. */
export const DeputySchema = z.object({
  id: IdSchema,
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  levels: z.array(DeputyLevelSchema),
  homeUnitId: IdSchema.nullable(),
  sector: z.string().nullable(),
  position: z.string().nullable(),
  profile: z.string().nullable(),
  contact: ContactSchema,
  contactMasked: z.boolean(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
/** A deputy. */
export type Deputy = z.infer<typeof DeputySchema>;

const deputyFields = {
  name: NameSchema,
  gender: z.enum(['male', 'female']).nullable().optional(),
  levels: z.array(DeputyLevelSchema).min(1).max(5),
  homeUnitId: IdSchema.nullable().optional(),
  sector: z.string().trim().max(50).nullable().optional(),
  position: ShortTextSchema.nullable().optional(),
  profile: z.string().trim().max(2000).nullable().optional(),
  contact: z
    .object({
      phone: z
        .string()
        .trim()
        .regex(/^[0-9+\- ]{5,20}$/, 'not a phone number')
        .nullable()
        .optional(),
      email: z.email().max(200).nullable().optional(),
    })
    .strict()
    .optional(),
};
/** Body of `POST /api/v1/deputies`. */
export const DeputyCreateSchema = z.object(deputyFields).strict();
/** Body of `PATCH /api/v1/deputies/{id}`. */
export const DeputyUpdateSchema = z
  .object({
    ...deputyFields,
    name: NameSchema.optional(),
    levels: deputyFields.levels.optional(),
    active: z.boolean().optional(),
    expectedVersion: z.number().int().optional(),
  })
  .strict();

/** Public deputy profile: never any contact data. */
export const PublicDeputySchema = z.object({
  id: IdSchema,
  name: z.string(),
  levels: z.array(DeputyLevelSchema),
  homeUnitId: IdSchema.nullable(),
  sector: z.string().nullable(),
  position: z.string().nullable(),
  profile: z.string().nullable(),
});

/** A department (承办单位). */
export const DepartmentSchema = z.object({
  id: IdSchema,
  name: z.string(),
  shortName: z.string().nullable(),
  liaisonName: z.string().nullable(),
  liaisonPhone: z.string().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
/** A department. */
export type Department = z.infer<typeof DepartmentSchema>;
const departmentFields = {
  name: NameSchema,
  shortName: z.string().trim().max(30).nullable().optional(),
  liaisonName: z.string().trim().max(50).nullable().optional(),
  liaisonPhone: z.string().trim().max(40).nullable().optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
};
/** Body of `POST /api/v1/departments`. */
export const DepartmentCreateSchema = z.object(departmentFields).strict();
/** Body of `PATCH /api/v1/departments/{id}`. */
export const DepartmentUpdateSchema = z
  .object({ ...departmentFields, name: NameSchema.optional(), active: z.boolean().optional(), expectedVersion: z.number().int().optional() })
  .strict();

/** Datatypes of an Open311 service attribute (GeoReport v2 service definitions). */
export const SERVICE_ATTRIBUTE_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
/** Attribute codes every service already has (kind, station, title, consent_public); a category cannot redefine them. */
export const BUILT_IN_SERVICE_ATTRIBUTES = ['kind', 'station', 'title', 'consent_public'] as const;

/**
 * A question a category asks of every Open311 request filed under it (e.g. 路灯 → pole
 * number), shown in the service definition and checked on POST requests. `values` lists
 * the choices of the list datatypes.
 */
export const ServiceAttributeSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter'),
    description: z.string().trim().min(1).max(200),
    datatype: z.enum(SERVICE_ATTRIBUTE_DATATYPES),
    required: z.boolean().default(false),
    datatypeDescription: z.string().trim().max(200).default(''),
    order: z.number().int().min(0).max(1000).default(0),
    values: z
      .array(
        z
          .object({
            key: z
              .string()
              .trim()
              .min(1)
              .max(60)
              .regex(/^[^,]+$/, 'no commas'),
            name: z.string().trim().min(1).max(100),
          })
          .strict(),
      )
      .max(100)
      .default([]),
  })
  .strict()
  .superRefine((a, ctx) => {
    const list = a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist';
    if (list && a.values.length === 0) ctx.addIssue({ code: 'custom', path: ['values'], message: 'a list needs at least one value' });
    if (!list && a.values.length > 0) ctx.addIssue({ code: 'custom', path: ['values'], message: 'only list datatypes take values' });
    const keys = a.values.map((v) => v.key);
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i) ctx.addIssue({ code: 'custom', path: ['values', i, 'key'], message: 'duplicate key' });
    });
  });
/** A category's Open311 attribute. */
export type ServiceAttribute = z.infer<typeof ServiceAttributeSchema>;

/** A category's attribute list: unique codes, none of the built-in ones. */
export const ServiceAttributesSchema = z
  .array(ServiceAttributeSchema)
  .max(30)
  .superRefine((list, ctx) => {
    const codes = list.map((a) => a.code);
    codes.forEach((code, i) => {
      if ((BUILT_IN_SERVICE_ATTRIBUTES as readonly string[]).includes(code))
        ctx.addIssue({ code: 'custom', path: [i, 'code'], message: 'reserved for every service' });
      else if (codes.indexOf(code) !== i) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: 'duplicate code' });
    });
  });

/** A category of the two-level tree. */
export const CategorySchema = z.object({
  id: IdSchema,
  parentId: IdSchema.nullable(),
  name: z.string(),
  defaultDepartmentId: IdSchema.nullable(),
  timeLimitWorkdays: z.number().int().nullable(),
  sortOrder: z.number().int(),
  /** Open311 attributes of requests filed under it (a leaf also asks its parent's). */
  attributes: z.array(ServiceAttributeSchema),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
/** A category. */
export type Category = z.infer<typeof CategorySchema>;
const categoryFields = {
  name: NameSchema,
  defaultDepartmentId: IdSchema.nullable().optional(),
  timeLimitWorkdays: z.number().int().min(1).max(120).nullable().optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  attributes: ServiceAttributesSchema.optional(),
};
/** Body of `POST /api/v1/categories`. */
export const CategoryCreateSchema = z.object({ ...categoryFields, parentId: IdSchema.nullable().optional() }).strict();
/** Body of `PATCH /api/v1/categories/{id}`. */
export const CategoryUpdateSchema = z
  .object({ ...categoryFields, name: NameSchema.optional(), active: z.boolean().optional(), expectedVersion: z.number().int().optional() })
  .strict();

/** Public category (API.md). */
export const PublicCategorySchema = z.object({ id: IdSchema, name: z.string(), parentId: IdSchema.nullable() });

/** An appeal kind with its handling limit. */
export const AppealKindSchema = z.object({
  code: AppealKindCodeSchema,
  name: z.string(),
  nameEn: z.string(),
  handleWorkdays: z.number().int(),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
/** Body of `PATCH /api/v1/appeal-kinds/{code}`. */
export const AppealKindUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(20).optional(),
    nameEn: z.string().trim().min(1).max(40).optional(),
    handleWorkdays: z.number().int().min(1).max(120).optional(),
    active: z.boolean().optional(),
  })
  .strict();

/** A topic (专题). */
export const TopicSchema = z.object({
  id: IdSchema,
  name: z.string(),
  description: z.string().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
/** Body of `POST /api/v1/topics`. */
export const TopicCreateSchema = z
  .object({ name: NameSchema, description: z.string().trim().max(1000).nullable().optional(), sortOrder: z.number().int().min(0).max(1_000_000).optional() })
  .strict();
/** Body of `PATCH /api/v1/topics/{id}`. */
export const TopicUpdateSchema = z
  .object({
    name: NameSchema.optional(),
    description: z.string().trim().max(1000).nullable().optional(),
    sortOrder: z.number().int().min(0).max(1_000_000).optional(),
    active: z.boolean().optional(),
    expectedVersion: z.number().int().optional(),
  })
  .strict();

/** An appeal kind with its handling limit. */
export type AppealKind = z.infer<typeof AppealKindSchema>;
/** A topic. */
export type Topic = z.infer<typeof TopicSchema>;

/** Query of `GET /api/v1/units`. */
export const UnitListQuerySchema = ListQuerySchema.extend({ kind: UnitKindSchema.optional(), parentId: IdSchema.optional() });
/** Query of `GET /api/v1/deputies`: `unitId` takes a station with its points. */
export const DeputyListQuerySchema = ListQuerySchema.extend({ unitId: IdSchema.optional(), level: DeputyLevelSchema.optional() });
/** Query of `GET /api/v1/categories`. */
export const CategoryListQuerySchema = ListQuerySchema.extend({ parentId: IdSchema.optional() });

/** Answer of `POST /api/v1/deputies/{id}/reveal-contact` (audited). */
export const DeputyContactSchema = z.object({ contact: ContactSchema });
/** Answer of `GET /api/v1/appeal-kinds`. */
export const AppealKindListSchema = z.object({ items: z.array(AppealKindSchema) });
/** Path of `PATCH /api/v1/appeal-kinds/{code}`. */
export const AppealKindParamsSchema = z.object({ code: AppealKindCodeSchema }).strict();

/** Query of `GET /api/v1/public/units`. */
export const PublicUnitQuerySchema = z.object({ kind: UnitKindSchema.optional() }).strict();
/** Answer of `GET /api/v1/public/units`. */
export const PublicUnitListSchema = z.object({ items: z.array(PublicUnitSchema) });
/** Answer of `GET /api/v1/public/categories`. */
export const PublicCategoryListSchema = z.object({ items: z.array(PublicCategorySchema) });
/** Query of `GET /api/v1/public/deputies`: `unitId` takes a station with its points. */
export const PublicDeputyQuerySchema = z
  .object({
    unitId: IdSchema.optional(),
    page: z.coerce.number().int().min(1).max(10000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();
/** Answer of `GET /api/v1/public/deputies`. */
export const PublicDeputyListSchema = z.object({ items: z.array(PublicDeputySchema), total: z.number().int() });
/** Answer of `GET /api/v1/public/units`. */
export type PublicUnitList = z.infer<typeof PublicUnitListSchema>;
/** Answer of `GET /api/v1/public/categories`. */
export type PublicCategoryList = z.infer<typeof PublicCategoryListSchema>;
/** Answer of `GET /api/v1/public/deputies`. */
export type PublicDeputyList = z.infer<typeof PublicDeputyListSchema>;
/** Inferred from `AppealKindListSchema`. */
export type AppealKindList = z.infer<typeof AppealKindListSchema>;
/** Inferred from `DeputyContactSchema`. */
export type DeputyContact = z.infer<typeof DeputyContactSchema>;
