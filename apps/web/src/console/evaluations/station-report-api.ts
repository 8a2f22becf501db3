/** The monthly station report from `GET /api/v1/evaluations/{schemeId}/stations/{unitId}/report`. */
import { get } from '../api';
import type { BreakdownItem } from '../duty/duty-api';

export interface StationReport {
  schemeId: string;
  period: string;
  unit: { id: string; name: string };
  score: number;
  rank: number;
  total: number;
  peerGroup: string | null;
  peerRank: number;
  peerTotal: number;
  board: 'red' | 'black' | null;
  boardNote: 'no_activity' | 'tie_over_board' | null;
  boardSize: number;
  figures: {
    receptionsPlanned: number;
    receptionsHeld: number;
    opinions: number;
    casesAssigned: number;
    signedOnTimeRate: number | null;
    repliedOnTimeRate: number | null;
    satisfactionRate: number | null;
    rated: number;
  };
  breakdown: BreakdownItem[];
  trend: Array<{ period: string; score: number | null; rank: number | null }>;
}

export const stationReportPath = (schemeId: string, unitId: string) =>
  `/api/v1/evaluations/${encodeURIComponent(schemeId)}/stations/${encodeURIComponent(unitId)}/report`;

export const fetchStationReport = (schemeId: string, unitId: string, period: string) => get<StationReport>(stationReportPath(schemeId, unitId), { period });
