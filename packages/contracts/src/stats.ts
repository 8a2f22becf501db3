/**
 * Statistics (API.md "Statistics"): the overview behind the cockpit and the big screen, its
 * export, one station's monthly report, and the public transparency figures and cases.
 */
import { z } from 'zod';
import { CASE_CHANNELS, EXPORT_FORMATS } from './cases';
import { IdSchema } from './common';
import { BreakdownSchema } from './evaluation';

const dateBound = z.iso.datetime({ offset: true }).or(z.iso.date());

/** Filters shared by the overview and the statistics export (the case list's names). */
export const StatsQuerySchema = z
  .object({
    from: dateBound.optional(),
    to: dateBound.optional(),
    unitId: IdSchema.optional(),
    underUnitId: IdSchema.optional(),
    categoryId: IdSchema.optional(),
    departmentId: IdSchema.optional(),
    channel: z.enum(CASE_CHANNELS).optional(),
  })
  .strict();
/** Filters of the overview. */
export type StatsQuery = z.infer<typeof StatsQuerySchema>;
/** Query of `GET /api/v1/exports/stats`. */
export const StatsExportQuerySchema = StatsQuerySchema.extend({ format: z.enum(EXPORT_FORMATS) });

const Figures = {
  received: z.number(),
  accepted: z.number(),
  closed: z.number(),
  replied: z.number(),
  rated: z.number(),
  onTimeRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  avgHandleWorkdays: z.number().nullable(),
};

/** One line of a breakdown: a station, category, department or channel with its figures. */
export const StatsLineSchema = z.object({ id: z.string().nullable(), name: z.string(), ...Figures });
/** One line of a breakdown. */
export type StatsLine = z.infer<typeof StatsLineSchema>;

/** Answer of `GET /api/v1/stats/overview`. */
export const StatsOverviewSchema = z.object({
  ...Figures,
  overdue: z.number(),
  supervised: z.number(),
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  granularity: z.enum(['day', 'month']),
  trend: z.array(z.object({ period: z.string(), received: z.number(), accepted: z.number(), closed: z.number() })),
  byCategory: z.array(StatsLineSchema),
  byUnit: z.array(StatsLineSchema.extend({ kind: z.string().nullable(), parentId: z.string().nullable(), path: z.string().nullable() })),
  byDepartment: z.array(StatsLineSchema),
  byChannel: z.array(StatsLineSchema),
  generatedAt: z.string(),
});
/** Answer of `GET /api/v1/stats/overview`. */
export type StatsOverview = z.infer<typeof StatsOverviewSchema>;

/** Path of a station's report. */
export const StationReportParamsSchema = z.object({ schemeId: z.string().min(1).max(64), unitId: z.string().min(1).max(64) }).strict();
/** Query of a station's report: the month. */
export const StationReportQuerySchema = z.object({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM') }).strict();

const Rate = z.number().nullable();

/** One station's month: score items, rank among peers, key figures and a six-month trend. */
export const StationReportSchema = z.object({
  schemeId: z.string(),
  period: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  score: z.number(),
  rank: z.number().int(),
  total: z.number().int(),
  peerGroup: z.string().nullable(),
  peerRank: z.number().int(),
  peerTotal: z.number().int(),
  board: z.enum(['red', 'black']).nullable(),
  boardNote: z.enum(['no_activity', 'tie_over_board']).nullable(),
  /** The scheme's places per board (the rule is stated with it). */
  boardSize: z.number().int(),
  figures: z.object({
    receptionsPlanned: z.number(),
    receptionsHeld: z.number(),
    opinions: z.number(),
    casesAssigned: z.number(),
    signedOnTimeRate: Rate,
    repliedOnTimeRate: Rate,
    satisfactionRate: Rate,
    rated: z.number(),
  }),
  breakdown: z.array(BreakdownSchema),
  metrics: z.record(z.string(), z.number()),
  trend: z.array(z.object({ period: z.string(), score: z.number().nullable(), rank: z.number().int().nullable() })),
  published: z.object({ publishedAt: z.string(), schemeVersion: z.number().int() }).nullable(),
});
/** One station's monthly report. */
export type StationReport = z.infer<typeof StationReportSchema>;

/** Query of `GET /api/v1/public/transparency`. */
export const TransparencyQuerySchema = z.object({ from: dateBound.optional(), to: dateBound.optional() }).strict();
/** Answer of `GET /api/v1/public/transparency`: every case of the period, by station and by category. */
export const TransparencyFiguresSchema = z.object({
  ...Figures,
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  byStation: z.array(StatsLineSchema),
  byCategory: z.array(StatsLineSchema),
  generatedAt: z.string(),
});
/** The public figures. */
export type TransparencyFigures = z.infer<typeof TransparencyFiguresSchema>;

/** Query of `GET /api/v1/public/transparency/cases`. */
export const TransparencyCaseQuerySchema = z
  .object({
    unitId: IdSchema.optional(),
    categoryId: IdSchema.optional(),
    page: z.coerce.number().int().min(1).max(1000).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();
/** A case whose reporter agreed to publish it, personal data masked. */
export const PublicCaseSchema = z.object({
  id: z.string(),
  title: z.string(),
  content: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  category: z.string().nullable(),
  station: z.string().nullable(),
  createdAt: z.string(),
  repliedAt: z.string().nullable(),
  reply: z.string().nullable(),
  rating: z.string().nullable(),
});
/** A published case. */
export type PublicCase = z.infer<typeof PublicCaseSchema>;
/** Answer of `GET /api/v1/public/transparency/cases`. */
export const PublicCaseListSchema = z.object({ total: z.number(), items: z.array(PublicCaseSchema) });
/** Answer of `GET /api/v1/public/transparency/cases`. */
export type PublicCaseList = z.infer<typeof PublicCaseListSchema>;
