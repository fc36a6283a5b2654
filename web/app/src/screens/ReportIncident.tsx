// Reporting an incident on a phone (incidents:report, which an ordinary employee holds): only what
// the person knows now. The form is a draft on the device from the first keystroke until the server
// answers 201; a dropped network at submit keeps it and offers to send it again. One request at a
// time (the API does not de-duplicate reports): the button is disabled while a send is in flight.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useMe } from '../auth/me';
import { formErrors, type FormErrors } from '../lib/fieldErrors';
import { useOnline } from '../offline/queue';
import { ErrorSummary, Field } from '../ui';
import { EnumSelect } from './caseParts';
import {
  bodyParts,
  draftKey,
  emptyDraft,
  hasContent,
  hurtPath,
  incidentTypes,
  injuryTypes,
  loadDraft,
  newHurtPerson,
  reportBody,
  reportFields,
  saveDraft,
  severities,
  witnessPath,
  type HurtPerson,
  type ReportDraft,
  type Witness,
} from './incidentReport';

const noErrors: FormErrors = { summary: '', fields: {} };

type Phase = 'editing' | 'sending' | 'unsent' | 'sent';

function Check(props: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="big-check">
      <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      {props.label}
    </label>
  );
}

function Fieldset(props: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="card">
      <legend>{props.legend}</legend>
      {props.children}
    </fieldset>
  );
}

export function ReportIncident() {
  const { me, can } = useMe();
  const key = draftKey(me?.id ?? 0);
  const [draft, setDraft] = useState<ReportDraft>(() => loadDraft(localStorage, key) ?? emptyDraft(new Date()));
  const [restored] = useState(() => loadDraft(localStorage, key) !== null);
  const [phase, setPhase] = useState<Phase>('editing');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [reference, setReference] = useState('');
  const online = useOnline();
  const doneHeading = useRef<HTMLHeadingElement>(null);

  // Every change is kept on the device until the report is accepted.
  useEffect(() => {
    if (phase !== 'sent') saveDraft(localStorage, key, draft);
  }, [draft, key, phase]);
  useEffect(() => {
    if (phase === 'sent') doneHeading.current?.focus();
  }, [phase]);

  const set = (patch: Partial<ReportDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setHurt = (i: number, patch: Partial<HurtPerson>) =>
    setDraft((d) => ({ ...d, hurt: d.hurt.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));
  const setWitness = (i: number, patch: Partial<Witness>) =>
    setDraft((d) => ({ ...d, witnesses: d.witnesses.map((w, j) => (j === i ? { ...w, ...patch } : w)) }));

  async function send() {
    if (phase === 'sending') return;
    setPhase('sending');
    setErrors(noErrors);
    let answer;
    try {
      answer = await api.POST('/api/v1/incidents', { body: reportBody(draft) });
    } catch {
      // The request did not complete: the draft stays, and the person may send it again.
      setPhase('unsent');
      return;
    }
    if (answer.data) {
      localStorage.removeItem(key);
      setReference(answer.data.reference_number);
      setPhase('sent');
      return;
    }
    setPhase(answer.response.status >= 500 || answer.response.status === 429 ? 'unsent' : 'editing');
    setErrors(formErrors(answer.error, reportFields(draft)));
  }

  function another() {
    setDraft(emptyDraft(new Date()));
    setErrors(noErrors);
    setReference('');
    setPhase('editing');
  }

  if (phase === 'sent') {
    return (
      <main className="report">
        <section className="card done" role="status">
          <h1 ref={doneHeading} tabIndex={-1}>
            Report sent
          </h1>
          <p>
            Your reference is <strong className="reference">{reference}</strong>. Keep it: the safety team will follow up.
          </p>
        </section>
        <div className="actions">
          <button type="button" className="primary" onClick={another}>
            Report another incident
          </button>
          {can('incidents:read') && <Link to="/incidents">The incident register</Link>}
        </div>
      </main>
    );
  }

  const f = errors.fields;
  return (
    <main className="report">
      <h1>Report an incident</h1>
      <p className="muted">Say what you know now; the safety team adds the rest. Your answers stay on this device until the report is sent.</p>
      {restored && phase === 'editing' && hasContent(draft) && (
        <p className="notice" role="status">
          Your unsent report was restored.
        </p>
      )}
      {phase === 'unsent' && (
        <p className="error-summary" role="alert">
          Not sent: the server could not be reached{online ? '' : ' (no network)'}. Your report is kept on this device: send it
          again when you have a connection.
        </p>
      )}
      <ErrorSummary message={errors.summary} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Fieldset legend="What happened">
          <Field label="What happened, in a few words" error={f.title}>
            {(id, d) => <input id={id} value={draft.title} onChange={(e) => set({ title: e.target.value })} aria-describedby={d} aria-invalid={!!d} />}
          </Field>
          <Field label="Describe it" error={f.description} hint="What you saw, in order.">
            {(id, d) => <textarea id={id} rows={4} value={draft.description} onChange={(e) => set({ description: e.target.value })} aria-describedby={d} aria-invalid={!!d} />}
          </Field>
          <Field label="Type" error={f.incident_type}>
            {(id, d) => <EnumSelect id={id} describedBy={d} value={draft.incident_type} values={incidentTypes} blank="Not sure" onChange={(v) => set({ incident_type: v })} />}
          </Field>
          <Field label="How serious" error={f.severity}>
            {(id, d) => <EnumSelect id={id} describedBy={d} value={draft.severity} values={severities} blank="Not sure" onChange={(v) => set({ severity: v })} />}
          </Field>
        </Fieldset>
        <Fieldset legend="When and where">
          <Field label="When it happened" error={f.occurred_at}>
            {(id, d) => <input id={id} type="datetime-local" value={draft.occurred_at} onChange={(e) => set({ occurred_at: e.target.value })} aria-describedby={d} aria-invalid={!!d} />}
          </Field>
          <Field label="Where" error={f.location}>
            {(id, d) => <input id={id} value={draft.location} onChange={(e) => set({ location: e.target.value })} aria-describedby={d} aria-invalid={!!d} />}
          </Field>
          <Field label="Department" error={f.department}>
            {(id, d) => <input id={id} value={draft.department} onChange={(e) => set({ department: e.target.value })} aria-describedby={d} aria-invalid={!!d} />}
          </Field>
        </Fieldset>
        <Fieldset legend="Was anyone hurt?">
          {draft.hurt.length === 0 && <p className="muted">Nobody yet. Add each person who was hurt.</p>}
          {draft.hurt.map((person, i) => (
            <div className="person" key={i} role="group" aria-label={`Person hurt ${i + 1}`}>
              <Field label={`Name of person hurt ${i + 1}`} error={f[hurtPath(i, 'name')]}>
                {(id, d) => <input id={id} value={person.name} onChange={(e) => setHurt(i, { name: e.target.value })} aria-describedby={d} aria-invalid={!!d} />}
              </Field>
              <Field label="They are" error={f[hurtPath(i, 'person_type')]}>
                {(id, d) => (
                  <select id={id} value={person.person_type} aria-describedby={d} onChange={(e) => setHurt(i, { person_type: e.target.value as HurtPerson['person_type'] })}>
                    <option value="worker">A worker here</option>
                    <option value="non_worker">A visitor or member of the public</option>
                  </select>
                )}
              </Field>
              <Field label="Injury" error={f[hurtPath(i, 'injury_type')]}>
                {(id, d) => <EnumSelect id={id} describedBy={d} value={person.injury_type} values={injuryTypes} blank="Not sure" onChange={(v) => setHurt(i, { injury_type: v })} />}
              </Field>
              <Field label="Part of the body" error={f[hurtPath(i, 'body_part')]}>
                {(id, d) => <EnumSelect id={id} describedBy={d} value={person.body_part} values={bodyParts} blank="Not sure" onChange={(v) => setHurt(i, { body_part: v })} />}
              </Field>
              <Check label="Taken to hospital" checked={person.taken_to_hospital} onChange={(v) => setHurt(i, { taken_to_hospital: v })} />
              <button type="button" onClick={() => setDraft((d) => ({ ...d, hurt: d.hurt.filter((_, j) => j !== i) }))}>
                Remove person hurt {i + 1}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setDraft((d) => ({ ...d, hurt: [...d.hurt, newHurtPerson()] }))}>
            Add a person who was hurt
          </button>
        </Fieldset>
        <Fieldset legend="Witnesses">
          {draft.witnesses.map((witness, i) => (
            <div className="person" key={i} role="group" aria-label={`Witness ${i + 1}`}>
              <Field label={`Name of witness ${i + 1}`} error={f[witnessPath(draft, i, 'name')]}>
                {(id, d) => <input id={id} value={witness.name} onChange={(e) => setWitness(i, { name: e.target.value })} aria-describedby={d} aria-invalid={!!d} />}
              </Field>
              <Field label="What they saw" error={f[witnessPath(draft, i, 'statement')]}>
                {(id, d) => <textarea id={id} rows={2} value={witness.statement} onChange={(e) => setWitness(i, { statement: e.target.value })} aria-describedby={d} aria-invalid={!!d} />}
              </Field>
              <button type="button" onClick={() => setDraft((d) => ({ ...d, witnesses: d.witnesses.filter((_, j) => j !== i) }))}>
                Remove witness {i + 1}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setDraft((d) => ({ ...d, witnesses: [...d.witnesses, { name: '', statement: '' }] }))}>
            Add a witness
          </button>
        </Fieldset>
        <Fieldset legend="What was done at once">
          <Field label="Immediate actions" error={f.immediate_actions} hint="E.g. area made safe, machine isolated.">
            {(id, d) => <textarea id={id} rows={3} value={draft.immediate_actions} onChange={(e) => set({ immediate_actions: e.target.value })} aria-describedby={d} aria-invalid={!!d} />}
          </Field>
          <Check label="First aid was given" checked={draft.first_aid_given} onChange={(v) => set({ first_aid_given: v })} />
          <Check label="Emergency services were called" checked={draft.emergency_services_called} onChange={(v) => set({ emergency_services_called: v })} />
        </Fieldset>
        <button type="submit" className="primary wide" disabled={phase === 'sending'}>
          {phase === 'sending' ? 'Sending…' : phase === 'unsent' ? 'Send again' : 'Send the report'}
        </button>
      </form>
    </main>
  );
}
