/** The routing-model API as the admin page uses it (`/api/v1/routing/…`). */
import { get, post } from '../api';

/** Why a training run ended as it did (server `routing-gate.ts`). */
export type RoutingReasonCode = 'first_model' | 'better' | 'worse_than_active' | 'worse_than_fallback' | 'few_categories' | 'forced';

/** One stored model with what was measured when it was trained. */
export interface RoutingModel {
  id: string;
  createdAt: string;
  active: boolean;
  metrics: {
    macroF1?: number;
    fallbackMacroF1?: number;
    labelled?: number;
    covered?: number;
    totalCategories?: number;
    minCovered?: number;
    labels?: string[];
    activated?: boolean;
    reasonCode?: RoutingReasonCode;
    /** English, for models trained before reason codes existed. */
    reason?: string;
    previousMacroF1?: number | null;
  };
}

/** Whether training can run now, with the counts. */
export interface RoutingReadiness {
  ready: boolean;
  labelled: number;
  categories: number;
  totalCategories: number;
  minLabelled: number;
  minPerCategory: number;
  minCovered: number;
}

export const routingApi = {
  models: () => get<{ items: RoutingModel[]; readiness: RoutingReadiness }>('/api/v1/routing/models'),
  train: (force: boolean) => post<{ jobId: string }>('/api/v1/routing/train', force ? { force } : {}),
};
