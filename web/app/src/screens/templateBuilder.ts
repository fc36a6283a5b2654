// The template builder's logic, apart from its screens: the template's parts in the order a run
// asks them, the forms of a question and of the settings as the API takes them, the moves that
// reorder a list through its sort_order, and a publish refusal's problems placed next to the
// section or question each names.
import type { Schemas } from '../api/client';
import { isErrorEnvelope, problemsOf } from '../lib/fieldErrors';

export type TemplateDetail = Schemas['AuditTemplateDetail'];
export type Section = Schemas['AuditSection'];
export type Question = Schemas['AuditQuestion'];
export type QuestionType = Question['question_type'];
export type FindingGrade = NonNullable<Schemas['AuditQuestionOption']['finding_grade']>;
export type ScoringMethod = Schemas['AuditTemplate']['scoring_method'];
export type AuditType = Schemas['AuditTemplate']['audit_type'];

export const questionTypes: readonly QuestionType[] = [
  'yes_no', 'pass_fail', 'choice', 'multi_choice', 'rating', 'score', 'number', 'text', 'date', 'photo', 'signature',
];
export const findingGrades: readonly FindingGrade[] = [
  'major_nonconformity', 'minor_nonconformity', 'observation', 'opportunity_for_improvement',
];
export const scoringMethods: readonly ScoringMethod[] = ['percentage', 'points', 'weighted', 'pass_fail'];
export const auditTypes: readonly AuditType[] = ['inspection', 'audit', 'assessment', 'checklist', 'survey'];

// Types whose answers are options (the model's takes_options): a rating may have them too.
export function takesOptions(type: QuestionType): boolean {
  return type === 'choice' || type === 'multi_choice' || type === 'rating';
}

const byOrder = <T extends { sort_order: number; id: number }>(a: T, b: T) => a.sort_order - b.sort_order || a.id - b.id;

interface Sortable {
  id: number;
  sort_order: number;
}

export interface Group<S = Section, Q = Question> {
  section: S | null; // null: the questions outside any section
  questions: Q[];
}

// The template's questions grouped as a run asks them: those outside sections first, then
// section by section, each in its sort order (ties by id, as the run-taking screen orders them).
// Works on the draft and on a published version's content alike.
export function groups<S extends Sortable, Q extends Sortable & { section_id: number | null }>(detail: {
  sections: readonly S[];
  questions: readonly Q[];
}): Group<S, Q>[] {
  const sections = [...detail.sections].sort(byOrder);
  const questions = [...detail.questions].sort(byOrder);
  const known = new Set(sections.map((s) => s.id));
  const loose = questions.filter((q) => q.section_id === null || !known.has(q.section_id));
  const out: Group<S, Q>[] = loose.length > 0 ? [{ section: null, questions: loose }] : [];
  for (const section of sections) out.push({ section, questions: questions.filter((q) => q.section_id === section.id) });
  return out;
}

// The next free sort_order after `items` (a new part goes last).
export function nextSortOrder(items: readonly { sort_order: number }[]): number {
  return items.reduce((max, item) => Math.max(max, item.sort_order + 1), 0);
}

export interface Placement {
  id: number;
  version: number;
  sort_order: number;
}

// The sort_order changes that move items[index] by `delta` (-1 up, +1 down) in a list shown in
// sort order: the two neighbours swap their values when those differ; when they are equal (parts
// added without one share the default) the whole list is numbered from 0 in its new order. Only
// the parts whose value changes are returned.
export function moves(items: readonly Placement[], index: number, delta: -1 | 1): Placement[] {
  const other = index + delta;
  const a = items[index];
  const b = items[other];
  if (!a || !b) return [];
  if (a.sort_order !== b.sort_order) {
    return [
      { ...a, sort_order: b.sort_order },
      { ...b, sort_order: a.sort_order },
    ];
  }
  const order = [...items];
  order[index] = b;
  order[other] = a;
  return order.flatMap((item, position) => (item.sort_order === position ? [] : [{ ...item, sort_order: position }]));
}

// --- a publish refusal ------------------------------------------------------------------------

export interface Problems {
  template: string[]; // problems of the template itself ("questions: ...", "passing_score: ...")
  questions: Record<number, string[]>; // question id -> its problems
  sections: Record<number, string[]>; // section id -> its problems
}

export const noProblems: Problems = { template: [], questions: {}, sections: {} };

// The envelope's details.fields (path -> problem); empty for any other body.
export function fieldProblems(body: unknown): Record<string, string> {
  return isErrorEnvelope(body) ? problemsOf(body) : {};
}

const partPath = /^(questions|sections)\[(\d+)\]\.?(.*)$/;

// Places each problem of a refused publish: "questions[12].options" next to question 12 (as
// "options: ..."), the rest ("questions", "passing_score") with the template.
export function placeProblems(fields: Record<string, string>): Problems {
  const out: Problems = { template: [], questions: {}, sections: {} };
  for (const [path, problem] of Object.entries(fields).sort(([a], [b]) => a.localeCompare(b))) {
    const match = partPath.exec(path);
    if (!match) {
      out.template.push(`${humanPath(path)}: ${problem}`);
      continue;
    }
    const [, part, id, rest] = match;
    const into = part === 'questions' ? out.questions : out.sections;
    const list = (into[Number(id)] ??= []);
    list.push(rest ? `${humanPath(rest)}: ${problem}` : problem);
  }
  return out;
}

function humanPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, (_, n: string) => ` ${Number(n) + 1}`).replace(/_/g, ' ').replace(/\./g, ' ');
}

export function problemCount(problems: Problems): number {
  const lists = [problems.template, ...Object.values(problems.questions), ...Object.values(problems.sections)];
  return lists.reduce((sum, list) => sum + list.length, 0);
}

export function withoutQuestion(problems: Problems, id: number): Problems {
  const questions = { ...problems.questions };
  delete questions[id];
  return { ...problems, questions };
}

export function withoutSection(problems: Problems, id: number): Problems {
  const sections = { ...problems.sections };
  delete sections[id];
  return { ...problems, sections };
}

// --- forms ----------------------------------------------------------------------------------

// Numbers are typed as text; an empty one is "not set" (null), anything else goes to the API as
// typed so that its own validation answers ("must be a number") next to the field.
function decimal(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}
const optionalText = (text: string) => (text.trim() === '' ? null : text.trim());
const numberText = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

export interface OptionForm {
  label: string;
  value: string; // empty: the API takes the label
  score: string;
  triggers_finding: boolean;
  finding_grade: FindingGrade | '';
}

export interface QuestionForm {
  section_id: number | null; // a question moves to another section by changing it
  question_text: string;
  help_text: string;
  question_type: QuestionType;
  is_required: boolean;
  allow_na: boolean;
  is_critical: boolean;
  weight: string;
  max_score: string;
  options: OptionForm[];
}

export const questionFields = ['section_id', 'question_text', 'help_text', 'question_type', 'weight', 'max_score', 'options'] as const;

export function blankOption(): OptionForm {
  return { label: '', value: '', score: '', triggers_finding: false, finding_grade: '' };
}

export function blankQuestion(sectionId: number | null = null): QuestionForm {
  return {
    section_id: sectionId,
    question_text: '', help_text: '', question_type: 'yes_no', is_required: true, allow_na: false, is_critical: false,
    weight: '1', max_score: '', options: [],
  };
}

export function questionForm(question: Question): QuestionForm {
  return {
    section_id: question.section_id,
    question_text: question.question_text,
    help_text: question.help_text ?? '',
    question_type: question.question_type,
    is_required: question.is_required,
    allow_na: question.allow_na,
    is_critical: question.is_critical,
    weight: numberText(question.weight),
    max_score: numberText(question.max_score),
    options: [...question.options].sort(byOrder).map((o) => ({
      label: o.label,
      value: o.value,
      score: numberText(o.score),
      triggers_finding: o.triggers_finding,
      finding_grade: o.finding_grade ?? '',
    })),
  };
}

// The question as the API takes it (POST, and the fields of a PATCH). Options go only with a type
// that takes them (their order is their position); max_score only with a score question; a
// finding grade only where the option raises a finding.
export function questionBody(form: QuestionForm) {
  const options = takesOptions(form.question_type)
    ? form.options.map((o, position) => ({
        label: o.label.trim(),
        ...(o.value.trim() ? { value: o.value.trim() } : {}),
        score: decimal(o.score),
        triggers_finding: o.triggers_finding,
        finding_grade: o.triggers_finding && o.finding_grade ? o.finding_grade : null,
        sort_order: position,
      }))
    : [];
  return {
    section_id: form.section_id,
    question_text: form.question_text.trim(),
    help_text: optionalText(form.help_text),
    question_type: form.question_type,
    is_required: form.is_required,
    allow_na: form.allow_na,
    is_critical: form.is_critical,
    weight: decimal(form.weight) ?? 1,
    max_score: form.question_type === 'score' ? decimal(form.max_score) : null,
    options,
  };
}

// Each option's problems by its row ("options[1].finding_grade" -> row 1: "finding grade: ...").
export function optionProblems(fields: Record<string, string>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [path, problem] of Object.entries(fields)) {
    const match = /^options\[(\d+)\]\.?(.*)$/.exec(path);
    if (!match) continue;
    const row = Number(match[1]);
    const text = match[2] ? `${match[2].replace(/_/g, ' ')}: ${problem}` : problem;
    out[row] = out[row] ? `${out[row]}; ${text}` : text;
  }
  return out;
}

export interface SettingsForm {
  name: string;
  description: string;
  category: string;
  audit_type: AuditType;
  scoring_method: ScoringMethod;
  passing_score: string;
  auto_create_findings: boolean;
  require_approval: boolean;
}

export const settingsFields = ['name', 'description', 'category', 'audit_type', 'scoring_method', 'passing_score'] as const;

export function blankSettings(): SettingsForm {
  return {
    name: '', description: '', category: '', audit_type: 'inspection', scoring_method: 'percentage', passing_score: '',
    auto_create_findings: true, require_approval: false,
  };
}

export function settingsForm(template: Schemas['AuditTemplate']): SettingsForm {
  return {
    name: template.name,
    description: template.description ?? '',
    category: template.category ?? '',
    audit_type: template.audit_type,
    scoring_method: template.scoring_method,
    passing_score: numberText(template.passing_score),
    auto_create_findings: template.auto_create_findings,
    require_approval: template.require_approval,
  };
}

export function settingsBody(form: SettingsForm) {
  return {
    name: form.name.trim(),
    description: optionalText(form.description),
    category: optionalText(form.category),
    audit_type: form.audit_type,
    scoring_method: form.scoring_method,
    passing_score: decimal(form.passing_score),
    auto_create_findings: form.auto_create_findings,
    require_approval: form.require_approval,
  };
}

// What a pass mark means under a scoring method (the label's hint).
export function passMarkHint(method: ScoringMethod): string {
  if (method === 'percentage' || method === 'weighted') return 'A percentage, 0 to 100. Leave empty for no pass mark.';
  if (method === 'points') return 'Points a run must reach. Leave empty for no pass mark.';
  return 'Pass/fail runs fail on a failed critical question; a pass mark is not needed.';
}
