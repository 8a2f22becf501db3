import { describe, expect, it } from 'vitest';
import { endOfChinaDay } from '../calendar-date';
import { createWorkingCalendar } from '../working-calendar';
import { issueEscalationStep } from './issue-escalation';

describe('issue-list escalation steps', () => {
  const calendar = createWorkingCalendar();
  // Due on Friday 2026-03-06 (end of that day in China); escalation after 3 working days.
  const due = endOfChinaDay('2026-03-06').toISOString();
  const at = (iso: string) => issueEscalationStep(due, new Date(iso), calendar, 3);

  it('is on time up to the end of the due day', () => {
    expect(at('2026-03-06T15:59:59.999Z')).toBe(0);
  });

  it('is a notice from the first moment overdue, over the weekend too', () => {
    expect(at('2026-03-06T16:00:00.000Z')).toBe(1);
    expect(at('2026-03-08T10:00:00.000Z')).toBe(1); // Sunday: 0 working days over
    expect(at('2026-03-10T02:00:00.000Z')).toBe(1); // Tuesday: 2 working days over
  });

  it('escalates once the working days over reach the setting', () => {
    expect(at('2026-03-10T16:00:00.000Z')).toBe(2); // Wednesday 00:00 China: 3 working days over
    expect(at('2026-04-30T02:00:00.000Z')).toBe(2);
  });
});
