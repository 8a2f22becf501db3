/** The routing-model API as the admin page uses it (`/api/v1/routing/…`). */
import type { JobQueued, RoutingModelList } from '@lianxin/contracts';
import { get, post } from '../api';

export type { RoutingModel, RoutingReadiness, RoutingReasonCode } from '@lianxin/contracts';

export const routingApi = {
  models: () => get<RoutingModelList>('/api/v1/routing/models'),
  train: (force: boolean) => post<JobQueued>('/api/v1/routing/train', force ? { force } : {}),
};
