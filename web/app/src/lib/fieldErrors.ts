// The API's error envelope (src/http/errors.hpp, ADR-0007): {error_code, message, details,
// request_id}; a VALIDATION_ERROR carries details.fields, the problem of each field by path
// ("title", "options[2].label"). Forms show each problem next to its field and the rest above.

export interface ErrorEnvelope {
  error_code: string;
  message: string;
  details: Record<string, unknown>;
  request_id: string;
}

export interface FormErrors {
  // The message for the form as a whole (empty when every problem has a field on the form).
  summary: string;
  // Field path -> problem, for the fields the form shows.
  fields: Record<string, string>;
}

export function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate.error_code === 'string' && typeof candidate.message === 'string';
}

// The envelope's details.fields: the problem of each field by its path.
export function problemsOf(envelope: ErrorEnvelope): Record<string, string> {
  const fields = envelope.details?.fields;
  if (typeof fields !== 'object' || fields === null) return {};
  const out: Record<string, string> = {};
  for (const [path, problem] of Object.entries(fields as Record<string, unknown>)) {
    if (typeof problem === 'string') out[path] = problem;
  }
  return out;
}

// Maps an error body onto a form's fields. A problem whose path is a form field, or lies under
// one ("options[2].label" under "options"), goes to that field; the others are named in the summary.
export function formErrors(body: unknown, formFields: readonly string[]): FormErrors {
  if (!isErrorEnvelope(body)) {
    return { summary: 'The server could not be reached or answered unexpectedly. Try again.', fields: {} };
  }
  const problems = problemsOf(body);
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const [path, problem] of Object.entries(problems)) {
    const field = formFields.find(
      (name) => path === name || path.startsWith(`${name}.`) || path.startsWith(`${name}[`),
    );
    if (field === undefined) {
      unplaced.push(`${path}: ${problem}`);
    } else {
      fields[field] = fields[field] ? `${fields[field]}; ${problem}` : problem;
    }
  }
  let summary = '';
  if (unplaced.length > 0) {
    summary = `${body.message} (${unplaced.join('; ')})`;
  } else if (Object.keys(fields).length === 0) {
    summary = body.message;
  }
  return { summary, fields };
}
