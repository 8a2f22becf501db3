/** The duty and evaluation API as the console uses it (rota, activities, duty records, evaluations). */
import type { DutyRecord, EvaluationResults, Scheme, Signal, WhatIf } from '@lianxin/contracts';
import { get, post, request } from '../api';

/** A dated reception with attendance (staff view). */
export interface Reception {
  id: string;
  unitId: string;
  unitName: string;
  address: string | null;
  date: string;
  startTime: string;
  endTime: string;
  deputies: Array<{ id: string; name: string }>;
  capacity: number;
  booked: number;
  available: number;
  status: 'scheduled' | 'cancelled';
  /** Where it stands: derived from its time and attendance by the server. */
  phase: 'scheduled' | 'held' | 'not_held' | 'to_record' | 'cancelled';
  cancelReason: string | null;
  attendance: Array<{ deputyId: string; status: AttendanceStatus; note: string | null }>;
}

/** Attendance of a deputy. */
export type AttendanceStatus = 'attended' | 'absent' | 'excused';

/** One reception with its bookings. */
export interface ReceptionDetail extends Reception {
  version: number;
  bookings: Array<{
    id: string;
    name: string | null;
    phone: string | null;
    topic: string | null;
    status: 'booked' | 'cancelled' | 'attended' | 'no_show';
    createdAt: string;
  }>;
}

/** A rota rule. */
export interface ReceptionRule {
  id: string;
  unitId: string;
  kind: 'weekly' | 'once';
  weekday: number | null;
  date: string | null;
  startTime: string;
  endTime: string;
  capacity: number;
  deputyIds: string[];
  validFrom: string;
  validTo: string | null;
  note: string | null;
  active: boolean;
  version: number;
}

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
  settings: () => get<{ publishDays: number; reminderHours: number }>('/api/v1/reception-settings'),
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
