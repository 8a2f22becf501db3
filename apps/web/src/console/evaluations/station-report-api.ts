/** The monthly station report from `GET /api/v1/evaluations/{schemeId}/stations/{unitId}/report`. */
import { get } from '../api';
import type { StationReport } from '@lianxin/contracts';

export type { StationReport } from '@lianxin/contracts';

export const stationReportPath = (schemeId: string, unitId: string) =>
  `/api/v1/evaluations/${encodeURIComponent(schemeId)}/stations/${encodeURIComponent(unitId)}/report`;

export const fetchStationReport = (schemeId: string, unitId: string, period: string) => get<StationReport>(stationReportPath(schemeId, unitId), { period });
