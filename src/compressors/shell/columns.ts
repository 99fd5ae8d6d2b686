// Tables printed through Go's tabwriter (docker ps, kubectl get): a header of upper-case column
// names separated by two or more spaces, and rows whose cells start exactly under their header.
// Parsing is by the header's column positions, so cells with single spaces ("Up 2 hours") stay whole.

export interface Table {
  /** Source line of the header. */
  readonly header: number;
  readonly columns: readonly string[];
  /** Source lines of the rows, with their cells. */
  readonly rows: readonly { readonly index: number; readonly cells: readonly string[] }[];
}

// One column name of a header: "NAMESPACE", "CONTAINER ID", "NOMINATED NODE", "PORT(S)"
const COLUMN_NAME = /^[A-Z][A-Z0-9() -]*$/;
// …or, in `kubectl describe` tables, "Type", "Reason", "Last Probe Time"
const TITLE_NAME = /^[A-Z][A-Za-z0-9() -]*$/;

/**
 * "NAMESPACE   NAME   READY   STATUS" — column names separated by two or more spaces, upper-case
 * unless `titleCase` allows "Type   Reason   Age".
 */
export function isTableHeader(line: string, titleCase = false): boolean {
  const names = line.trim().split(/ {2,}/);
  const pattern = titleCase ? TITLE_NAME : COLUMN_NAME;
  return line.length > 0 && line[0] !== ' ' && names.length >= 2 && names.every((name) => pattern.test(name));
}

/**
 * The table whose header is `lines[header]`, rows up to the first blank line (or the end).
 * Undefined when a row does not line up under the header: then it is not a tabwriter table.
 */
export function parseTable(lines: readonly string[], header: number): Table | undefined {
  const head = lines[header];
  const starts: number[] = [];
  const columns: string[] = [];
  for (let i = 0; i < head.length; ) {
    if (head[i] === ' ') {
      i++;
      continue;
    }
    let end = i;
    while (end < head.length && !(head[end] === ' ' && (head[end + 1] === ' ' || end + 1 === head.length))) end++;
    starts.push(i);
    columns.push(head.slice(i, end));
    i = end;
  }
  if (columns.length < 2) return undefined;
  const rows: { index: number; cells: string[] }[] = [];
  for (let i = header + 1; i < lines.length && lines[i].trim() !== ''; i++) {
    const line = lines[i];
    // Each cell starts at its column (or the row ended early); the character before it is a space.
    for (let c = 1; c < starts.length; c++) if (line.length > starts[c] && line[starts[c] - 1] !== ' ') return undefined;
    const cells = starts.map((start, c) => line.slice(start, c + 1 < starts.length ? starts[c + 1] : undefined).trim());
    if (cells[0] === '') return undefined;
    rows.push({ index: i, cells });
  }
  return { header, columns, rows };
}

/**
 * Lays `rows` (header first) out again the way tabwriter does (each column as wide as its widest
 * kept cell plus `padding`), so that dropping a few wide rows also drops their padding.
 */
export function alignRows(rows: readonly (readonly string[])[], padding = 3): string[] {
  const columns = Math.max(...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < columns - 1; c++) widths.push(Math.max(...rows.map((r) => (r[c] ?? '').length)) + padding);
  return rows.map((r) => r.map((cell, c) => (c < columns - 1 ? cell.padEnd(widths[c]) : cell)).join('').trimEnd());
}
