import { describe, expect, it } from 'vitest';
import { formErrors } from '../lib/fieldErrors';
import {
  emptyDraft,
  hasContent,
  loadDraft,
  localInput,
  newHurtPerson,
  reportBody,
  reportFields,
  saveDraft,
  witnessPath,
  type ReportDraft,
} from './incidentReport';

const draft = (patch: Partial<ReportDraft> = {}): ReportDraft => ({ ...emptyDraft(new Date(2026, 10, 20, 14, 30)), ...patch });

describe('the report body', () => {
  it('leaves blank optional fields out and sends blank required ones for the API to name', () => {
    const body = reportBody(draft({ title: '  Slip  ', location: '   ' }));
    expect(body.title).toBe('Slip');
    expect(body.description).toBe('');
    expect(body).not.toHaveProperty('location');
    expect(body).not.toHaveProperty('incident_type');
    expect(body).not.toHaveProperty('severity');
    expect(body).not.toHaveProperty('people');
    expect(reportBody(draft({ occurred_at: '' })).occurred_at).toBe('');
  });

  it('sends the local time of the event as an instant', () => {
    const local = localInput(new Date(2026, 10, 20, 14, 30));
    expect(local).toBe('2026-11-20T14:30');
    expect(reportBody(draft({ occurred_at: local })).occurred_at).toBe(new Date(2026, 10, 20, 14, 30).toISOString());
  });

  it('lists the people hurt first, then the witnesses, each with its role', () => {
    const body = reportBody(
      draft({
        hurt: [{ ...newHurtPerson(), name: ' J. Operator ', injury_type: 'crush', taken_to_hospital: true }],
        witnesses: [{ name: 'K. Setter', statement: ' ' }],
      }),
    );
    expect(body.people).toEqual([
      { role: 'involved', name: 'J. Operator', person_type: 'worker', injury_type: 'crush', body_part: null, taken_to_hospital: true },
      { role: 'witness', name: 'K. Setter', statement: null },
    ]);
  });
});

describe("the API's field errors on the report form", () => {
  it("places a witness's problem on the witness row, after the people hurt", () => {
    const form = draft({ hurt: [newHurtPerson(), newHurtPerson()], witnesses: [{ name: '', statement: '' }] });
    expect(witnessPath(form, 0, 'name')).toBe('people[2].name');
    const errors = formErrors(
      {
        error_code: 'VALIDATION_ERROR',
        message: 'invalid',
        details: { fields: { 'people[2].name': 'must not be empty', 'people[0].injury_type': 'unknown', occurred_at: 'in the future' } },
        request_id: 'r',
      },
      reportFields(form),
    );
    expect(errors.fields).toEqual({
      'people[2].name': 'must not be empty',
      'people[0].injury_type': 'unknown',
      occurred_at: 'in the future',
    });
    expect(errors.summary).toBe('');
  });
});

describe('the draft on the device', () => {
  it('keeps a started report and forgets an untouched one', () => {
    const key = 'qgp.incident-report.7';
    saveDraft(localStorage, key, draft());
    expect(localStorage.getItem(key)).toBeNull();
    saveDraft(localStorage, key, draft({ title: 'Slip in the canteen' }));
    expect(loadDraft(localStorage, key)?.title).toBe('Slip in the canteen');
    expect(hasContent(draft({ witnesses: [{ name: '', statement: '' }] }))).toBe(true);
    localStorage.removeItem(key);
  });

  it('ignores what is not a draft', () => {
    localStorage.setItem('k', '{"title": 3}');
    expect(loadDraft(localStorage, 'k')).toBeNull();
    localStorage.setItem('k', 'not json');
    expect(loadDraft(localStorage, 'k')).toBeNull();
    localStorage.removeItem('k');
  });
});
