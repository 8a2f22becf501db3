/** The duty and evaluation API as the console uses it (rota, activities, duty records, evaluations). */
import type {
  AttendanceStatus,
  DutyRecord,
  EvaluationResults,
  ReceptionDetail,
  ReceptionRule,
  ReceptionSettings,
  Scheme,
  Signal,
  StaffReception,
  WhatIf,
} from '@lianxin/contracts';
import { get, post, request } from '../api';

export type { AttendanceStatus, ReceptionDetail, ReceptionRule } from '@lianxin/contracts';
/** A dated reception with attendance (staff view). */
export type Reception = StaffReception;

/** An activity record. */
export interface Activity {
  id: string;
  unitId: string;
  kind: string;
  title: string;
  date: string;
  location: string | null;
  summary: string;
  deputyIds: string[];
  caseIds: string[];
  photoIds: string[];
  version: number;
}

export type { DutyRecord } from '@lianxin/contracts';
export type {
  BreakdownItem,
  EvaluationResults as Results,
  Ranked,
  Scheme,
  SchemeAdjustment as Adjustment,
  SchemeIndicator as Indicator,
  Signal,
  WhatIf,
} from '@lianxin/contracts';

export const dutyApi = {
  receptions: (query: { from: string; to: string; unitId?: string }) => get<{ items: Reception[] }>('/api/v1/receptions', query),
  reception: (id: string) => get<ReceptionDetail>(`/api/v1/receptions/${id}`),
  attendance: (id: string, entries: Array<{ deputyId: string; status: AttendanceStatus }>) =>
    post<ReceptionDetail>(`/api/v1/receptions/${id}/attendance`, { entries }),
  bookingOutcome: (id: string, bookingId: string, status: 'attended' | 'no_show') =>
    post<ReceptionDetail>(`/api/v1/receptions/${id}/bookings/${bookingId}/outcome`, { status }),
  cancelReception: (id: string, reason: string) => post<ReceptionDetail>(`/api/v1/receptions/${id}/cancel`, { reason }),
  rules: () => get<{ items: ReceptionRule[] }>('/api/v1/reception-rules'),
  createRule: (body: Record<string, unknown>) => post<ReceptionRule>('/api/v1/reception-rules', body),
  settings: () => get<ReceptionSettings>('/api/v1/reception-settings'),
  activities: (query: Record<string, string | number | undefined>) => get<{ items: Activity[]; total: number }>('/api/v1/activities', query),
  createActivity: (body: Record<string, unknown>) => post<Activity>('/api/v1/activities', body),
  duty: (deputyId: string, year: number) => get<DutyRecord>(`/api/v1/deputies/${deputyId}/duty`, { year }),
  schemes: () => get<{ items: Scheme[] }>('/api/v1/evaluations/schemes'),
  results: (schemeId: string, period: string) => get<EvaluationResults>(`/api/v1/evaluations/${schemeId}/results`, { period }),
  whatIf: (schemeId: string, period: string, weights: Record<string, number>) => post<WhatIf>(`/api/v1/evaluations/${schemeId}/what-if`, { period, weights }),
  adoptWeights: (scheme: Scheme, weights: Record<string, number>) =>
    request<Scheme>('PUT', `/api/v1/evaluations/schemes/${scheme.id}`, {
      body: {
        name: scheme.name,
        active: scheme.active,
        expectedVersion: scheme.version,
        definition: { ...scheme.definition, indicators: scheme.definition.indicators.map((i) => ({ ...i, weight: weights[i.key] ?? i.weight })) },
      },
    }),
  publish: (schemeId: string, period: string) => post<{ publishedAt: string }>(`/api/v1/evaluations/${schemeId}/publish`, { period }),
  signals: (period: string) => get<{ items: Signal[] }>('/api/v1/evaluations/signals', { period }),
};

/** Today in China as YYYY-MM-DD. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** `date` moved by `days`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
