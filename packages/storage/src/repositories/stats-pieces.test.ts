import { describe, expect, it } from 'vitest';
import { netPieces } from './stats-pieces';

describe('netPieces', () => {
  it('reads most of a year as the year minus the months left out, and most of a month as the month minus the days left out', () => {
    // The last 12 months to 27 February 2026: March–December 2025, January 2026 and 1–27 February.
    expect(
      netPieces([
        { grain: 'm', from: '2025-03', to: '2026-01' },
        { grain: 'd', from: '2026-02-01', to: '2026-02-27' },
      ]),
    ).toEqual([
      { grain: 'y', from: '2025', to: '2025', sign: 1 },
      { grain: 'm', from: '2026-01', to: '2026-02', sign: 1 },
      { grain: 'm', from: '2025-01', to: '2025-02', sign: -1 },
      { grain: 'd', from: '2026-02-28', to: '2026-02-28', sign: -1 },
    ]);
  });

  it('keeps pieces the rewrite would not shorten, and ranges it cannot enumerate', () => {
    const few = [
      { grain: 'd' as const, from: '2026-01-20', to: '2026-02-03' }, // under half of each month
      { grain: 'm' as const, from: '2026-03', to: '2026-05' },
      { grain: 'y' as const, from: '2000', to: '2024' },
    ];
    expect(netPieces(few)).toEqual([
      { grain: 'y', from: '2000', to: '2024', sign: 1 },
      { grain: 'm', from: '2026-03', to: '2026-05', sign: 1 },
      { grain: 'd', from: '2026-01-20', to: '2026-02-03', sign: 1 },
    ]);
    expect(netPieces([{ grain: 'd', from: '0', to: '9~' }])).toEqual([{ grain: 'd', from: '0', to: '9~', sign: 1 }]);
  });

  it('lets days that complete a month help complete its year (leap February included)', () => {
    expect(
      netPieces([
        { grain: 'd', from: '2024-02-02', to: '2024-02-29' },
        { grain: 'm', from: '2024-03', to: '2024-12' },
      ]),
    ).toEqual([
      { grain: 'y', from: '2024', to: '2024', sign: 1 },
      { grain: 'm', from: '2024-01', to: '2024-01', sign: -1 },
      { grain: 'd', from: '2024-02-01', to: '2024-02-01', sign: -1 },
    ]);
  });
});
