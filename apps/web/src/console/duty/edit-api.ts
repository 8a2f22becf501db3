/** Calls of the editing forms: rota rules and settings, activities with cases and photos, schemes, duty point rules. */
import type { DutyRule, ReceptionRuleBody, ReceptionSettings } from '@lianxin/contracts';
import type { Page } from '../../shared/contract-types';
import { get, request } from '../api';
import type { CaseSummary } from '../cases/case-types';
import type { Activity, ReceptionRule, Scheme } from './duty-api';

/** Rota settings. */
export type { ReceptionSettings } from '@lianxin/contracts';

/** One duty point rule. */
export type { DutyRule } from '@lianxin/contracts';

/** The fields of a rule as the API takes them. */
export type RuleBody = ReceptionRuleBody;

/** The fields of an activity as the API takes them. */
export type ActivityBody = Pick<Activity, 'unitId' | 'kind' | 'title' | 'date' | 'location' | 'summary' | 'deputyIds' | 'caseIds' | 'photoIds'>;

export const editApi = {
  rules: (unitId?: string) => get<{ items: ReceptionRule[] }>('/api/v1/reception-rules', unitId ? { unitId } : {}),
  updateRule: (rule: ReceptionRule, body: RuleBody) =>
    request<ReceptionRule>('PUT', `/api/v1/reception-rules/${rule.id}`, { body: { ...body, expectedVersion: rule.version } }),
  updateSettings: (body: ReceptionSettings) => request<ReceptionSettings>('PUT', '/api/v1/reception-settings', { body }),
  updateActivity: (activity: Activity, body: ActivityBody) =>
    request<Activity>('PUT', `/api/v1/activities/${activity.id}`, { body: { ...body, expectedVersion: activity.version } }),
  searchCases: (q: string) => get<Page<CaseSummary>>('/api/v1/cases', { q, pageSize: 10 }),
  caseSummary: async (id: string) => (await get<{ case: Pick<CaseSummary, 'id' | 'trackingCode' | 'title'> }>(`/api/v1/cases/${id}`)).case,
  updateScheme: (scheme: Scheme, body: Pick<Scheme, 'name' | 'definition' | 'active'>) =>
    request<Scheme>('PUT', `/api/v1/evaluations/schemes/${scheme.id}`, { body: { ...body, expectedVersion: scheme.version } }),
  dutyRules: () => get<{ items: DutyRule[] }>('/api/v1/duty/rules'),
  setDutyRules: (items: DutyRule[]) => request<{ items: DutyRule[] }>('PUT', '/api/v1/duty/rules', { body: { items } }),
};

/** Where an activity's photo is served. */
export function activityPhotoUrl(activityId: string, photoId: string): string {
  return `/api/v1/activities/${activityId}/photos/${photoId}`;
}
