// The logic of the risk and action screens that is not drawing: the heat map's grid from the
// cells the API returns (their levels and colours are the current matrix version's, never a
// table of ours), the link from a cell to the register, readable ink on a level's colour, the
// trend of a risk's assessments, and what a refused move says.

export interface HeatCell {
  likelihood: number;
  impact: number;
  score: number;
  level: string;
  color: string;
  risk_count: number;
}

export interface HeatRow {
  likelihood: number;
  cells: HeatCell[];
}

// Rows from the most likely down, each by impact from the least severe up (the risk-matrix
// convention), from whatever cells the API sent.
export function heatRows(cells: readonly HeatCell[]): { impacts: number[]; rows: HeatRow[] } {
  const impacts = [...new Set(cells.map((c) => c.impact))].sort((a, b) => a - b);
  const likelihoods = [...new Set(cells.map((c) => c.likelihood))].sort((a, b) => b - a);
  const rows = likelihoods.map((likelihood) => ({
    likelihood,
    cells: cells.filter((c) => c.likelihood === likelihood).sort((a, b) => a.impact - b.impact),
  }));
  return { impacts, rows };
}

// The risks the heat map counts are the open ones (not closed).
export const openStatuses = 'identified,assessing,treating,monitoring';

// The register filtered to one cell of the heat map: the same basis (the current rating, or the
// latest inherent one) and the same filters the map was drawn with.
export function cellHref(
  cell: Pick<HeatCell, 'likelihood' | 'impact'>,
  basis: string,
  filters: Record<string, string>,
): string {
  const query = new URLSearchParams();
  query.set('status', openStatuses);
  for (const name of ['department', 'category', 'owner_id']) {
    if (filters[name]) query.set(name, filters[name]);
  }
  const prefix = basis === 'inherent' ? 'inherent_' : '';
  query.set(`${prefix}likelihood`, String(cell.likelihood));
  query.set(`${prefix}impact`, String(cell.impact));
  return `/risks?${query.toString()}`;
}

function luminance(hex: string): number | null {
  const digits = /^#([0-9a-f]{6})$/i.exec(hex)?.[1];
  if (!digits) return null;
  const value = Number.parseInt(digits, 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
}

// Black or white, whichever contrasts more with the cell's colour (WCAG relative luminance), so
// a count stays readable whatever colours an administrator's matrix uses.
export function inkOn(background: string): '#000000' | '#ffffff' {
  const l = luminance(background);
  if (l === null) return '#000000';
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

export interface AssessmentPoint {
  assessed_at: string;
  inherent_score: number;
  residual_score: number;
}

// The trend, oldest first, of assessments listed newest first.
export function trendOf<T extends AssessmentPoint>(newestFirst: readonly T[]): AssessmentPoint[] {
  return [...newestFirst]
    .sort((a, b) => a.assessed_at.localeCompare(b.assessed_at))
    .map(({ assessed_at, inherent_score, residual_score }) => ({ assessed_at, inherent_score, residual_score }));
}

// The button for a move to `to` from `from`.
export function actionMoveLabel(from: string, to: string): string {
  if (to === 'in_progress') return from === 'open' ? 'Start' : 'Reopen';
  return { completed: 'Complete', verified: 'Verify', cancelled: 'Cancel the action' }[to] ?? to;
}

export const riskMoveLabels: Record<string, string> = {
  assessing: 'Assess',
  treating: 'Treat',
  monitoring: 'Monitor',
  closed: 'Close',
};

// What a refused verification says: the API refuses a completer's own verification (or a
// missing permission) with 403 and names the rule; anything else is "not verified".
export function verificationRefusal(status: number, message: string, reference: string): string {
  if (status === 403) return `You may not verify ${reference}: ${message}. Ask another verifier.`;
  return `${reference} was not verified: ${message}`;
}
