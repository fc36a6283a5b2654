import { describe, expect, it } from 'vitest';
import {
  blankQuestion,
  groups,
  moves,
  nextSortOrder,
  optionProblems,
  placeProblems,
  problemCount,
  questionBody,
  questionForm,
  settingsBody,
  blankSettings,
  withoutQuestion,
  type Question,
  type Section,
} from './templateBuilder';

const section = (id: number, sort_order: number) => ({ id, sort_order, title: `S${id}` }) as unknown as Section;
const question = (id: number, sort_order: number, section_id: number | null) =>
  ({ id, sort_order, section_id, question_text: `Q${id}`, options: [] }) as unknown as Question;

describe('the parts in the order a run asks them', () => {
  it('puts loose questions first, then sections and their questions in sort order, ties by id', () => {
    const result = groups({
      sections: [section(2, 1), section(1, 1), section(3, 0)],
      questions: [question(10, 5, 1), question(11, 0, 3), question(12, 0, null), question(13, 5, 1), question(14, 2, 1)],
    });
    expect(result.map((g) => g.section?.id ?? null)).toEqual([null, 3, 1, 2]);
    expect(result.map((g) => g.questions.map((q) => q.id))).toEqual([[12], [11], [14, 10, 13], []]);
  });

  it('gives a new part the next free sort order', () => {
    expect(nextSortOrder([])).toBe(0);
    expect(nextSortOrder([{ sort_order: 0 }, { sort_order: 7 }, { sort_order: 3 }])).toBe(8);
  });
});

describe('reordering through sort_order', () => {
  const placed = (...orders: number[]) => orders.map((sort_order, i) => ({ id: i + 1, version: 10 + i, sort_order }));

  it('swaps two neighbours with different values', () => {
    expect(moves(placed(0, 1, 2), 2, -1)).toEqual([
      { id: 3, version: 12, sort_order: 1 },
      { id: 2, version: 11, sort_order: 2 },
    ]);
  });

  it('numbers the list afresh when the neighbours share a value, and sends only the changed ones', () => {
    expect(moves(placed(0, 0, 0), 0, 1)).toEqual([
      { id: 1, version: 10, sort_order: 1 },
      { id: 3, version: 12, sort_order: 2 },
    ]);
    expect(moves(placed(0, 1, 1), 1, 1)).toEqual([{ id: 2, version: 11, sort_order: 2 }]);
  });

  it('does nothing past either end', () => {
    expect(moves(placed(0, 1), 0, -1)).toEqual([]);
    expect(moves(placed(0, 1), 1, 1)).toEqual([]);
  });
});

describe('a refused publish', () => {
  it('places each problem next to the question or section it names, the rest with the template', () => {
    const problems = placeProblems({
      questions: 'a template needs at least one question to be published',
      'questions[12].options': 'a choice question needs at least one option',
      'questions[12].min_value': 'must not exceed max_value',
      'questions[7].options[1].finding_grade': 'is required when the option triggers a finding',
      'sections[3]': 'is empty',
      passing_score: 'is a percentage for this scoring method: at most 100',
    });
    expect(problems.template).toEqual([
      'passing score: is a percentage for this scoring method: at most 100',
      'questions: a template needs at least one question to be published',
    ]);
    expect(problems.questions[12]).toEqual(['min value: must not exceed max_value', 'options: a choice question needs at least one option']);
    expect(problems.questions[7]).toEqual(['options 2 finding grade: is required when the option triggers a finding']);
    expect(problems.sections[3]).toEqual(['is empty']);
    expect(problemCount(problems)).toBe(6);
    expect(problemCount(withoutQuestion(problems, 12))).toBe(4);
  });

  it('finds the problems of each option row', () => {
    expect(optionProblems({ 'options[1].finding_grade': 'is required', 'options[1].value': 'duplicates', question_text: 'x' })).toEqual({
      1: 'finding grade: is required; value: duplicates',
    });
  });
});

describe('the forms as the API takes them', () => {
  it('sends options only with a type that takes them, in their order, a grade only where a finding is raised', () => {
    const form = {
      ...blankQuestion(),
      question_text: ' Housekeeping condition ',
      question_type: 'choice' as const,
      options: [
        { label: 'Good', value: '', score: '2', triggers_finding: false, finding_grade: 'major_nonconformity' as const },
        { label: 'Poor', value: 'poor', score: '0', triggers_finding: true, finding_grade: 'minor_nonconformity' as const },
      ],
    };
    const body = questionBody(form);
    expect(body.question_text).toBe('Housekeeping condition');
    expect(body.max_score).toBeNull();
    expect(body.options).toEqual([
      { label: 'Good', score: 2, triggers_finding: false, finding_grade: null, sort_order: 0 },
      { label: 'Poor', value: 'poor', score: 0, triggers_finding: true, finding_grade: 'minor_nonconformity', sort_order: 1 },
    ]);
    expect(questionBody({ ...form, question_type: 'yes_no' }).options).toEqual([]);
    const score = questionBody({ ...blankQuestion(5), question_text: 'Ladders', question_type: 'score', max_score: '5', weight: '' });
    expect(score).toMatchObject({ section_id: 5, max_score: 5, weight: 1, help_text: null });
    expect(questionBody({ ...blankQuestion(5), section_id: null }).section_id).toBeNull();
  });

  it('reads a question back into its form (options in order)', () => {
    const read = questionForm({
      ...question(1, 0, null),
      question_type: 'choice',
      help_text: null,
      is_required: true,
      allow_na: true,
      is_critical: false,
      weight: 2,
      max_score: null,
      options: [
        { id: 5, label: 'B', value: 'b', score: null, triggers_finding: false, finding_grade: null, sort_order: 1 },
        { id: 4, label: 'A', value: 'a', score: 1, triggers_finding: true, finding_grade: 'observation', sort_order: 0 },
      ],
    } as unknown as Question);
    expect(read.weight).toBe('2');
    expect(read.section_id).toBeNull();
    expect(read.options.map((o) => [o.label, o.score, o.finding_grade])).toEqual([
      ['A', '1', 'observation'],
      ['B', '', ''],
    ]);
  });

  it('sends an empty pass mark as none, and trims the texts', () => {
    expect(settingsBody({ ...blankSettings(), name: ' Site walk ', passing_score: '', description: '  ' })).toMatchObject({
      name: 'Site walk',
      passing_score: null,
      description: null,
    });
    expect(settingsBody({ ...blankSettings(), passing_score: '70' }).passing_score).toBe(70);
  });
});
