import { describe, expect, it } from 'vitest';
import { afterOf, beforeOf, changeRows, dayOfAfter, dayOfBefore, recordKindLabel, recordPath, showInstant, showValue } from './trail';

describe('the audit trail', () => {
  it('links a record to its screen where it has one', () => {
    expect(recordPath('audit_finding', 4)).toBe('/findings/4');
    expect(recordPath('audit_template', 2)).toBe('/audits/templates/2');
    expect(recordPath('user', 9)).toBe('/users/9');
    expect(recordPath('investigation_why', 3)).toBeNull();
    expect(recordPath('audit_finding', null)).toBeNull();
    expect(recordKindLabel('audit_template')).toBe('Audit template');
    expect(recordKindLabel('soa_entry')).toBe('Soa entry');
  });

  it('shows each changed field with its values before and after', () => {
    expect(
      changeRows({
        status: { before: 'open', after: 'in_progress' },
        'options[2].label': { before: null, after: 'Poor' },
        clause_ids: { before: [], after: [3, 4] } as never,
        passing_score: { before: 70, after: true },
      }),
    ).toEqual([
      { field: 'clause ids', before: '(none)', after: '3, 4' },
      { field: 'options 2 label', before: '—', after: 'Poor' },
      { field: 'passing score', before: '70', after: 'true' },
      { field: 'status', before: 'open', after: 'in_progress' },
    ]);
    expect(showValue({ a: 1 })).toBe('{"a":1}');
    expect(showInstant('2026-12-06T22:34:35.123456Z')).toBe('2026-12-06 22:34:35 UTC');
  });

  it('maps the days of the form to the instants of the URL and back (the last day included)', () => {
    expect(afterOf('2026-12-01')).toBe('2026-12-01T00:00:00Z');
    expect(beforeOf('2026-12-31')).toBe('2027-01-01T00:00:00Z');
    expect(beforeOf('2028-02-28')).toBe('2028-02-29T00:00:00Z');
    expect(afterOf('')).toBe('');
    expect(dayOfAfter('2026-12-01T00:00:00Z')).toBe('2026-12-01');
    expect(dayOfBefore('2027-01-01T00:00:00Z')).toBe('2026-12-31');
    // A hand-written instant that is not a midnight names its own day.
    expect(dayOfBefore('2026-12-05T10:00:00Z')).toBe('2026-12-05');
    expect(dayOfBefore('nonsense')).toBe('');
  });
});
