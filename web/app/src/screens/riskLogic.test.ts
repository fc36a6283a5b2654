import { describe, expect, it } from 'vitest';
import { actionMoveLabel, cellHref, heatRows, inkOn, trendOf, verificationRefusal, type HeatCell } from './riskLogic';

const cell = (likelihood: number, impact: number, level = 'low', color = '#84cc16'): HeatCell => ({
  likelihood,
  impact,
  score: likelihood * impact,
  level,
  color,
  risk_count: 0,
});

describe('the heat map grid', () => {
  it('puts the most likely row first and each row by impact, whatever order the cells come in', () => {
    const cells = [cell(1, 2), cell(2, 1), cell(1, 1), cell(2, 2)];
    const { impacts, rows } = heatRows(cells);
    expect(impacts).toEqual([1, 2]);
    expect(rows.map((r) => r.likelihood)).toEqual([2, 1]);
    expect(rows[0]?.cells.map((c) => c.impact)).toEqual([1, 2]);
    expect(rows[1]?.cells.map((c) => [c.likelihood, c.impact])).toEqual([
      [1, 1],
      [1, 2],
    ]);
  });

  it('links a cell to the register of open risks in that cell, with the map’s filters', () => {
    const href = cellHref({ likelihood: 2, impact: 3 }, 'residual', { department: 'Purchasing', basis: 'residual', owner_id: '7' });
    const query = new URLSearchParams(href.split('?')[1]);
    expect(href.startsWith('/risks?')).toBe(true);
    expect(Object.fromEntries(query)).toEqual({
      status: 'identified,assessing,treating,monitoring',
      department: 'Purchasing',
      owner_id: '7',
      likelihood: '2',
      impact: '3',
    });
  });

  it('links an inherent cell to the inherent rating', () => {
    const query = new URLSearchParams(cellHref({ likelihood: 4, impact: 5 }, 'inherent', {}).split('?')[1]);
    expect(query.get('inherent_likelihood')).toBe('4');
    expect(query.get('inherent_impact')).toBe('5');
    expect(query.has('likelihood')).toBe(false);
  });

  it('writes black on light colours and white on dark ones', () => {
    expect(inkOn('#eab308')).toBe('#000000');
    expect(inkOn('#22c55e')).toBe('#000000');
    expect(inkOn('#7f1d1d')).toBe('#ffffff');
    expect(inkOn('#000000')).toBe('#ffffff');
    expect(inkOn('not a colour')).toBe('#000000');
  });
});

describe('assessments and actions', () => {
  it('draws the trend oldest first', () => {
    const newestFirst = [
      { assessed_at: '2026-12-03T10:00:00Z', inherent_score: 20, residual_score: 4, id: 3 },
      { assessed_at: '2026-11-01T10:00:00Z', inherent_score: 20, residual_score: 9, id: 2 },
    ];
    expect(trendOf(newestFirst)).toEqual([
      { assessed_at: '2026-11-01T10:00:00Z', inherent_score: 20, residual_score: 9 },
      { assessed_at: '2026-12-03T10:00:00Z', inherent_score: 20, residual_score: 4 },
    ]);
  });

  it('names a move by where it starts', () => {
    expect(actionMoveLabel('open', 'in_progress')).toBe('Start');
    expect(actionMoveLabel('completed', 'in_progress')).toBe('Reopen');
    expect(actionMoveLabel('verified', 'in_progress')).toBe('Reopen');
    expect(actionMoveLabel('completed', 'verified')).toBe('Verify');
  });

  it('says why a verification was refused', () => {
    const rule = 'an action is verified by someone other than the person who completed it';
    expect(verificationRefusal(403, rule, 'ACT-2026-0001')).toBe(`You may not verify ACT-2026-0001: ${rule}. Ask another verifier.`);
    expect(verificationRefusal(422, 'is_effective: needs an effective review', 'ACT-2026-0001')).toBe(
      'ACT-2026-0001 was not verified: is_effective: needs an effective review',
    );
  });
});
