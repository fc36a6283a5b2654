import { describe, expect, it } from 'vitest';
import { formErrors } from './fieldErrors';

const envelope = (fields: Record<string, string>, message = 'the request is invalid') => ({
  error_code: 'VALIDATION_ERROR',
  message,
  details: { fields },
  request_id: 'r1',
});

describe('formErrors', () => {
  it('puts each problem next to the field it names', () => {
    const errors = formErrors(envelope({ title: 'must not be empty', due_date: 'must be a date YYYY-MM-DD' }), [
      'title',
      'due_date',
      'location',
    ]);
    expect(errors.fields).toEqual({ title: 'must not be empty', due_date: 'must be a date YYYY-MM-DD' });
    expect(errors.summary).toBe('');
  });

  it('places a nested path under its top-level field', () => {
    const errors = formErrors(envelope({ 'options[2].label': 'must not be empty' }), ['options']);
    expect(errors.fields).toEqual({ options: 'must not be empty' });
  });

  it('does not confuse a field with another that shares its prefix', () => {
    const errors = formErrors(envelope({ title_extra: 'unknown field' }), ['title']);
    expect(errors.fields).toEqual({});
    expect(errors.summary).toContain('title_extra: unknown field');
  });

  it('names the problems of fields the form does not show in the summary', () => {
    const errors = formErrors(envelope({ template_id: 'no such template', title: 'too long' }), ['title']);
    expect(errors.fields).toEqual({ title: 'too long' });
    expect(errors.summary).toBe('the request is invalid (template_id: no such template)');
  });

  it('uses the message of an error without fields', () => {
    const errors = formErrors(
      { error_code: 'CONFLICT', message: 'the run changed', details: {}, request_id: 'r' },
      ['title'],
    );
    expect(errors).toEqual({ summary: 'the run changed', fields: {} });
  });

  it('says the server was not reached when the body is not an envelope', () => {
    expect(formErrors(undefined, ['title']).summary).toMatch(/could not be reached/);
  });
});
