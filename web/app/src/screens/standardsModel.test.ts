import { describe, expect, it } from 'vitest';
import { attachmentName } from '../lib/download';
import {
  byModule,
  draftOf,
  findNode,
  parentIds,
  pathTo,
  percent,
  scheduleCompliance,
  soaBody,
  todayUtc,
  toggled,
  withApplicable,
  type SoaLineLike,
} from './standardsModel';

const leaf = (id: number) => ({ id, children: [] });
const tree = [
  { id: 1, children: [{ id: 2, children: [leaf(3), leaf(4)] }, leaf(5)] },
  { id: 6, children: [] },
];

describe('clause trees', () => {
  it('finds the path from the top down to a clause', () => {
    expect(pathTo(tree, 4)).toEqual([1, 2, 4]);
    expect(pathTo(tree, 6)).toEqual([6]);
    expect(pathTo(tree, 99)).toEqual([]);
  });

  it('finds a clause at any depth', () => {
    expect(findNode(tree, 3)?.id).toBe(3);
    expect(findNode(tree, 99)).toBeUndefined();
  });

  it('expands exactly the clauses that have sub-clauses', () => {
    expect(parentIds(tree)).toEqual([1, 2]);
  });
});

const line: SoaLineLike = {
  is_applicable: true,
  implementation_status: 'partially_implemented',
  justification: null,
  owner_id: 7,
  notes: 'kept',
  version: 3,
};

describe('the SoA editor', () => {
  it('excludes a control as not applicable and includes it again from its workflow start', () => {
    const excluded = withApplicable(draftOf(line), false);
    expect(excluded).toMatchObject({ is_applicable: false, implementation_status: 'not_applicable' });
    expect(withApplicable(excluded, true).implementation_status).toBe('not_implemented');
    expect(withApplicable(draftOf(line), true).implementation_status).toBe('partially_implemented');
  });

  it('sends the whole decision: the owner and notes as read, the version, no status for an excluded control', () => {
    expect(soaBody(line, { ...draftOf(line), justification: '  remote only ' })).toEqual({
      is_applicable: true,
      justification: 'remote only',
      implementation_status: 'partially_implemented',
      owner_id: 7,
      notes: 'kept',
      version: 3,
    });
    const excluded = soaBody(line, withApplicable(draftOf(line), false));
    expect(excluded.implementation_status).toBeNull();
    expect(excluded.justification).toBeNull();
  });
});

describe('helpers', () => {
  it('reads the CSV file name from Content-Disposition', () => {
    expect(attachmentName('attachment; filename="soa-ISO27001.csv"', 'x.csv')).toBe('soa-ISO27001.csv');
    expect(attachmentName(null, 'x.csv')).toBe('x.csv');
    expect(attachmentName('attachment', 'x.csv')).toBe('x.csv');
  });

  it('groups permissions by module, both in name order', () => {
    const groups = byModule([
      { name: 'users:read', description: '' },
      { name: 'audits:write', description: '' },
      { name: 'audits:read', description: '' },
    ]);
    expect(groups.map((g) => g.module)).toEqual(['audits', 'users']);
    expect(groups[0]?.permissions.map((p) => p.name)).toEqual(['audits:read', 'audits:write']);
  });

  it('toggles a permission in a sorted set', () => {
    expect(toggled(['b:x'], 'a:x', true)).toEqual(['a:x', 'b:x']);
    expect(toggled(['a:x', 'b:x'], 'a:x', false)).toEqual(['b:x']);
    expect(toggled(['a:x'], 'a:x', true)).toEqual(['a:x']);
  });

  it('computes shares and schedule compliance, none when nothing was due', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(0, 0)).toBeNull();
    expect(scheduleCompliance({ dueCompleted: 3, overdue: 1, upcoming: 10 })).toBe(75);
    expect(scheduleCompliance({ dueCompleted: 0, overdue: 0, upcoming: 2 })).toBeNull();
  });

  it('measures today in UTC, as the API does', () => {
    expect(todayUtc(new Date('2026-12-06T23:30:00-05:00'))).toBe('2026-12-07');
  });
});
