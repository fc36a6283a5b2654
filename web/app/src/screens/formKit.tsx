// A small form state for the risk and action screens: string values by field name, one control
// per field (text, date, text area or choice, labelled, with the API's problem next to it), and a
// submit that maps the API's error envelope onto the fields.
import { useState, type ReactNode } from 'react';
import { formErrors, type FormErrors } from '../lib/fieldErrors';
import { Field, humanise } from '../ui';

export const noErrors: FormErrors = { summary: '', fields: {} };

export type Choice = string | { value: string; label: string };

export interface ControlOptions {
  kind?: 'text' | 'date' | 'textarea' | 'select';
  choices?: readonly Choice[];
  hint?: string;
}

type Answer<T> = { data?: T; error?: unknown };

// '' -> undefined: an empty control sends nothing (the API's default or null applies).
export function given(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim();
}

export function givenNumber(value: string): number | undefined {
  return value === '' ? undefined : Number(value);
}

export function useForm<Name extends string>(initial: Record<Name, string>) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const names = Object.keys(initial) as Name[];

  function control(name: Name, label: string, options: ControlOptions = {}): ReactNode {
    const kind = options.kind ?? (options.choices ? 'select' : 'text');
    const set = (value: string) => setValues((current) => ({ ...current, [name]: value }));
    return (
      <Field label={label} error={errors.fields[name]} {...(options.hint ? { hint: options.hint } : {})}>
        {(id, describedBy) => {
          const common = { id, 'aria-describedby': describedBy, 'aria-invalid': !!describedBy, value: values[name] };
          if (kind === 'textarea') return <textarea {...common} rows={3} onChange={(e) => set(e.target.value)} />;
          if (kind === 'select') {
            return (
              <select {...common} onChange={(e) => set(e.target.value)}>
                {(options.choices ?? []).map((choice) => {
                  const { value, label: text } = typeof choice === 'string' ? { value: choice, label: humanise(choice) } : choice;
                  return (
                    <option key={value} value={value}>
                      {text}
                    </option>
                  );
                })}
              </select>
            );
          }
          return <input {...common} type={kind} onChange={(e) => set(e.target.value)} />;
        }}
      </Field>
    );
  }

  // Sends the request; on success clears the errors and returns the data, otherwise puts each
  // problem next to its field (or in the summary) and returns undefined.
  async function submit<T>(request: () => Promise<Answer<T>>, extraFields: readonly string[] = []): Promise<T | undefined> {
    setBusy(true);
    const { data, error } = await request();
    setBusy(false);
    if (data !== undefined) {
      setErrors(noErrors);
      return data;
    }
    setErrors(formErrors(error, [...names, ...extraFields]));
    return undefined;
  }

  const reset = () => setValues(initial);

  // A form that starts empty again once sent (a move's note, a new record): sends, and on success
  // resets and hands the answer on.
  async function submitAndReset<T>(request: () => Promise<Answer<T>>, done: (data: T) => void, extraFields: readonly string[] = []) {
    const data = await submit(request, extraFields);
    if (data === undefined) return;
    reset();
    done(data);
  }
  return { values, setValues, errors, setErrors, busy, control, submit, submitAndReset, reset };
}
