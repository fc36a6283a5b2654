// The employee's incident report (POST /api/v1/incidents, incidents:report): the form's draft, kept
// on the device until the server has answered 201 (a dropped network at submit loses nothing), and
// its mapping onto the API's body and back from the API's field errors.
import type { Schemas } from '../api/client';

export interface HurtPerson {
  name: string;
  person_type: 'worker' | 'non_worker';
  injury_type: string; // '' when not known
  body_part: string;
  taken_to_hospital: boolean;
}

export interface Witness {
  name: string;
  statement: string;
}

export interface ReportDraft {
  title: string;
  description: string;
  occurred_at: string; // <input type="datetime-local"> value, the device's local time
  incident_type: string;
  severity: string;
  location: string;
  department: string;
  immediate_actions: string;
  first_aid_given: boolean;
  emergency_services_called: boolean;
  hurt: HurtPerson[];
  witnesses: Witness[];
}

export const incidentTypes = [
  'injury', 'ill_health', 'near_miss', 'hazard', 'dangerous_occurrence', 'property_damage', 'environmental',
  'security', 'quality', 'other',
] as const;
export const severities = ['critical', 'high', 'medium', 'low', 'negligible'] as const;
export const injuryTypes = [
  'cut_laceration', 'bruise', 'sprain_strain', 'fracture', 'burn', 'amputation', 'crush', 'puncture', 'eye_injury',
  'head_injury', 'electric_shock', 'poisoning', 'other',
] as const;
export const bodyParts = [
  'head', 'eye', 'face', 'neck', 'back', 'chest', 'abdomen', 'arm', 'hand', 'finger', 'leg', 'foot', 'toe', 'multiple',
  'other',
] as const;

// The value of a datetime-local input for an instant, in the device's time zone, to the minute.
export function localInput(instant: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}T${pad(instant.getHours())}:${pad(instant.getMinutes())}`;
}

export function emptyDraft(now: Date): ReportDraft {
  return {
    title: '',
    description: '',
    occurred_at: localInput(now),
    incident_type: '',
    severity: '',
    location: '',
    department: '',
    immediate_actions: '',
    first_aid_given: false,
    emergency_services_called: false,
    hurt: [],
    witnesses: [],
  };
}

export const newHurtPerson = (): HurtPerson => ({
  name: '',
  person_type: 'worker',
  injury_type: '',
  body_part: '',
  taken_to_hospital: false,
});

type Body = Schemas['IncidentCreate'];
type PersonBody = Schemas['IncidentPersonCreate'];

const text = (value: string) => value.trim() || undefined;

// The API body: blank optional fields are left out (the API defaults them), blank required ones
// are sent empty so that the API names every problem at once; the local time becomes an instant.
export function reportBody(draft: ReportDraft): Body {
  const occurred = draft.occurred_at ? new Date(draft.occurred_at) : null;
  const people: PersonBody[] = [
    ...draft.hurt.map(
      (p): PersonBody => ({
        role: 'involved',
        name: p.name.trim(),
        person_type: p.person_type,
        injury_type: (p.injury_type || null) as PersonBody['injury_type'],
        body_part: (p.body_part || null) as PersonBody['body_part'],
        taken_to_hospital: p.taken_to_hospital,
      }),
    ),
    ...draft.witnesses.map((w): PersonBody => ({ role: 'witness', name: w.name.trim(), statement: text(w.statement) ?? null })),
  ];
  const body: Body = {
    title: draft.title.trim(),
    description: draft.description.trim(),
    occurred_at: occurred && !Number.isNaN(occurred.getTime()) ? occurred.toISOString() : '',
    first_aid_given: draft.first_aid_given,
    emergency_services_called: draft.emergency_services_called,
  };
  if (draft.incident_type) body.incident_type = draft.incident_type as Body['incident_type'];
  if (draft.severity) body.severity = draft.severity as Body['severity'];
  if (text(draft.location)) body.location = text(draft.location);
  if (text(draft.department)) body.department = text(draft.department);
  if (text(draft.immediate_actions)) body.immediate_actions = text(draft.immediate_actions);
  if (people.length > 0) body.people = people;
  return body;
}

// The API names a person's problem by its index in `people`: the hurt first, then the witnesses.
export const hurtPath = (index: number, field: string) => `people[${index}].${field}`;
export const witnessPath = (draft: ReportDraft, index: number, field: string) =>
  `people[${draft.hurt.length + index}].${field}`;

// Every field path the form can show a problem next to (the rest go to the summary).
export function reportFields(draft: ReportDraft): string[] {
  const top = ['title', 'description', 'occurred_at', 'incident_type', 'severity', 'location', 'department',
    'immediate_actions'];
  const hurt = draft.hurt.flatMap((_, i) => ['name', 'person_type', 'injury_type', 'body_part'].map((f) => hurtPath(i, f)));
  const witnesses = draft.witnesses.flatMap((_, i) => ['name', 'statement'].map((f) => witnessPath(draft, i, f)));
  return [...top, ...hurt, ...witnesses, 'people'];
}

// Whether the person has typed anything worth keeping (an untouched form is not "a draft").
export function hasContent(draft: ReportDraft): boolean {
  return (
    [draft.title, draft.description, draft.location, draft.department, draft.immediate_actions].some((v) => v.trim()) ||
    draft.hurt.length > 0 ||
    draft.witnesses.length > 0
  );
}

// The draft is kept per user: a shared phone does not show one person's report to the next.
export const draftKey = (userId: number) => `qgp.incident-report.${userId}`;

export function loadDraft(storage: Storage, key: string): ReportDraft | null {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return null;
    const candidate = parsed as Partial<ReportDraft>;
    if (typeof candidate.title !== 'string' || !Array.isArray(candidate.hurt) || !Array.isArray(candidate.witnesses)) {
      return null;
    }
    return { ...emptyDraft(new Date()), ...candidate } as ReportDraft;
  } catch {
    return null;
  }
}

export function saveDraft(storage: Storage, key: string, draft: ReportDraft) {
  try {
    if (hasContent(draft)) storage.setItem(key, JSON.stringify(draft));
    else storage.removeItem(key);
  } catch {
    // A full or disabled storage: the form still works, only without the safety net.
  }
}
