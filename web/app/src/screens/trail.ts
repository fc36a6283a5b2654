// The audit trail's logic, apart from its screens: where a record of each kind is shown, how a
// change's values read, and the date range of the filters (days in the form, instants in the URL
// and the API: occurred_after is the first instant of the first day, occurred_before the first
// instant after the last day).
import type { Schemas } from '../api/client';

export type AuditEntry = Schemas['AuditEntry'];
export type AuditAction = AuditEntry['action'];

export const actions: readonly AuditAction[] = [
  'create', 'update', 'transition', 'archive', 'restore', 'delete', 'link', 'unlink', 'publish', 'clone',
  'login', 'login_failed', 'logout', 'token_refresh', 'token_reuse_detected', 'password_change', 'role_grant', 'role_revoke',
];

// The kinds of record the trail names (audit_log.entity_type), the screen of each that has one.
const screens: Record<string, string> = {
  audit_finding: '/findings/',
  audit_run: '/audits/runs/',
  audit_template: '/audits/templates/',
  incident: '/incidents/',
  investigation: '/investigations/',
  user: '/users/',
};

export const recordKinds: readonly string[] = [
  'action', 'audit_finding', 'audit_response', 'audit_run', 'audit_template', 'clause', 'clause_mapping', 'control',
  'incident', 'incident_person', 'investigation', 'investigation_factor', 'investigation_why', 'risk', 'risk_assessment',
  'risk_matrix', 'role', 'soa_entry', 'standard', 'user',
];

export function recordPath(entityType: string, entityId: number | null): string | null {
  const prefix = screens[entityType];
  return prefix && entityId !== null ? `${prefix}${entityId}` : null;
}

export function recordKindLabel(entityType: string): string {
  const text = entityType.replace(/^audit_/, 'audit ').replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// A value before or after a change, as a person reads it.
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(showValue).join(', ');
  return JSON.stringify(value);
}

export interface ChangeRow {
  field: string;
  before: string;
  after: string;
}

// The changed fields in name order ("options[3].label" reads "options 3 label").
export function changeRows(changes: AuditEntry['changes']): ChangeRow[] {
  return Object.entries(changes ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, change]) => ({
      field: field.replace(/\[(\d+)\]/g, ' $1').replace(/[._]/g, ' '),
      before: showValue(change?.before),
      after: showValue(change?.after),
    }));
}

// "2026-12-06T22:34:35.123456Z" -> "2026-12-06 22:34:35 UTC" (the API's instants are UTC).
export function showInstant(instant: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(instant);
  return match ? `${match[1]} ${match[2]} UTC` : instant;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

// The first day shown in the form -> occurred_after, and back.
export function afterOf(day: string): string {
  return isoDay.test(day) ? `${day}T00:00:00Z` : '';
}
export function dayOfAfter(instant: string | undefined): string {
  return instant && isoDay.test(instant.slice(0, 10)) ? instant.slice(0, 10) : '';
}

// The last day shown in the form (included) -> occurred_before, the next midnight; and back.
export function beforeOf(day: string): string {
  return isoDay.test(day) ? `${shiftDay(day, 1)}T00:00:00Z` : '';
}
export function dayOfBefore(instant: string | undefined): string {
  if (!instant || !isoDay.test(instant.slice(0, 10))) return '';
  const day = instant.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}T00:00:00(\.0+)?Z$/.test(instant) ? shiftDay(day, -1) : day;
}
