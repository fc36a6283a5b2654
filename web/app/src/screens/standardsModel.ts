// The logic behind the standards library, the Statement of Applicability, the roles screens and
// the dashboard's standards and schedule figures: pure functions, tested on their own.

// --- clause trees -------------------------------------------------------------------------------

export interface TreeNode {
  readonly id: number;
  readonly children: readonly TreeNode[];
}

// The ids from a top-level clause down to `id` (itself included); empty when it is not in the tree.
export function pathTo<N extends TreeNode>(nodes: readonly N[], id: number): number[] {
  for (const node of nodes) {
    if (node.id === id) return [node.id];
    const below = pathTo(node.children, id);
    if (below.length > 0) return [node.id, ...below];
  }
  return [];
}

export function findNode<N extends TreeNode>(nodes: readonly N[], id: number): N | undefined {
  for (const node of nodes) {
    if (node.id === id) return node;
    const below = findNode(node.children as readonly N[], id);
    if (below) return below;
  }
  return undefined;
}

// Every clause that has sub-clauses (what "expand all" opens).
export function parentIds(nodes: readonly TreeNode[]): number[] {
  return nodes.flatMap((node) => (node.children.length > 0 ? [node.id, ...parentIds(node.children)] : []));
}

// --- the Statement of Applicability -------------------------------------------------------------

export const workflowStatuses = ['not_implemented', 'planned', 'partially_implemented', 'implemented'] as const;
export type ImplementationStatus = (typeof workflowStatuses)[number] | 'not_applicable';

export interface SoaDraft {
  is_applicable: boolean;
  implementation_status: ImplementationStatus;
  justification: string;
}

export interface SoaLineLike {
  is_applicable: boolean;
  implementation_status: ImplementationStatus;
  justification: string | null;
  owner_id: number | null;
  notes: string | null;
  version: number;
}

export function draftOf(line: SoaLineLike): SoaDraft {
  return {
    is_applicable: line.is_applicable,
    implementation_status: line.implementation_status,
    justification: line.justification ?? '',
  };
}

// Changing the applicability: an excluded control is not_applicable (the API sets it); one included
// again starts from not_implemented unless it had a workflow status.
export function withApplicable(draft: SoaDraft, applicable: boolean): SoaDraft {
  if (applicable === draft.is_applicable) return draft;
  if (!applicable) return { ...draft, is_applicable: false, implementation_status: 'not_applicable' };
  const status = draft.implementation_status === 'not_applicable' ? 'not_implemented' : draft.implementation_status;
  return { ...draft, is_applicable: true, implementation_status: status };
}

// The PUT /controls/{id}/soa body: the whole decision, so the owner and notes the form does not
// edit are sent back as read; the version read guards against a concurrent change (409).
export function soaBody(line: SoaLineLike, draft: SoaDraft) {
  const justification = draft.justification.trim();
  return {
    is_applicable: draft.is_applicable,
    justification: justification === '' ? null : justification,
    implementation_status: draft.is_applicable ? draft.implementation_status : null,
    owner_id: line.owner_id,
    notes: line.notes,
    version: line.version,
  };
}

// --- CSV download -------------------------------------------------------------------------------

// --- the permission catalogue -------------------------------------------------------------------

export interface PermissionLike {
  name: string;
  description: string;
}

// Permissions grouped by module (the part before ':'), modules and their permissions by name.
export function byModule<P extends PermissionLike>(permissions: readonly P[]): { module: string; permissions: P[] }[] {
  const groups = new Map<string, P[]>();
  for (const permission of permissions) {
    const module = permission.name.split(':')[0] ?? permission.name;
    groups.set(module, [...(groups.get(module) ?? []), permission]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([module, members]) => ({ module, permissions: [...members].sort((a, b) => a.name.localeCompare(b.name)) }));
}

export function toggled(chosen: readonly string[], name: string, on: boolean): string[] {
  const rest = chosen.filter((n) => n !== name);
  return on ? [...rest, name].sort() : rest;
}

// --- dashboard figures --------------------------------------------------------------------------

// A share as a whole percentage; null when there is nothing to share out.
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 100);
}

// Runs due before today: completed, or still open (overdue), from the runs list's totals. A run
// completed late counts as completed: the API offers no filter comparing completion to due date.
export interface ScheduleFigures {
  dueCompleted: number; // due before today and completed
  overdue: number; // due before today and not finished (scheduled or in progress)
  upcoming: number; // scheduled or in progress, not yet overdue
}

export function scheduleCompliance(figures: ScheduleFigures): number | null {
  return percent(figures.dueCompleted, figures.dueCompleted + figures.overdue);
}

// Today's date (UTC) as YYYY-MM-DD, the day the API's "overdue" is measured against.
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
