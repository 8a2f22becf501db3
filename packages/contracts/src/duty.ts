/**
 * Duty records (API.md "Duty and evaluation") and the duty point rules.
 */
import { DUTY_ITEMS } from '@lianxin/core';
import { z } from 'zod';

const ruleFields = { item: z.enum(DUTY_ITEMS), label: z.string().min(1).max(50), points: z.number().min(-100).max(100) };
/** A duty point rule: what one item of a deputy's record is worth. */
export const DutyRuleSchema = z.object(ruleFields);
/** A duty point rule. */
export type DutyRule = z.infer<typeof DutyRuleSchema>;
/** The duty point rules. */
export const DutyRuleListSchema = z.object({ items: z.array(DutyRuleSchema) });
/** Body of `PUT /api/v1/duty/rules`. */
export const DutyRulesBodySchema = z.object({ items: z.array(z.object(ruleFields).strict()).min(1).max(50) }).strict();

/** Query of `GET /api/v1/deputies/{id}/duty`: the year (this year in China when left out). */
export const DutyQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();

/** A deputy's duty record for a year: receptions, activities, cases, points. */
export const DutyRecordSchema = z.object({
  deputy: z.object({ id: z.string(), name: z.string(), levels: z.array(z.string()), homeUnitId: z.string().nullable(), homeUnitName: z.string().nullable() }),
  year: z.number().int(),
  asOf: z.string(),
  summary: z.record(z.string(), z.number()),
  receptions: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      startTime: z.string(),
      endTime: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      status: z.string(),
      attendance: z.enum(['attended', 'absent', 'excused']).nullable(),
    }),
  ),
  activities: z.array(
    z.object({ id: z.string(), date: z.string(), kind: z.string(), title: z.string(), unitId: z.string(), unitName: z.string(), caseIds: z.array(z.string()) }),
  ),
  cases: z.array(
    z.object({
      id: z.string(),
      trackingCode: z.string(),
      title: z.string(),
      status: z.string(),
      createdAt: z.string(),
      roles: z.array(z.enum(['handled', 'collected'])),
      rating: z.string().nullable(),
      onTime: z.boolean().nullable(),
      overdue: z.boolean(),
    }),
  ),
  points: z.object({
    total: z.number(),
    lines: z.array(z.object({ item: z.string(), label: z.string(), count: z.number(), points: z.number(), subtotal: z.number() })),
  }),
});
/** A deputy's duty record for a year. */
export type DutyRecord = z.infer<typeof DutyRecordSchema>;
