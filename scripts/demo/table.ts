/**
 * A plain-text table for the console: one header row, a rule, then the rows; each
 * column padded to its widest cell, numbers usually right-aligned.
 */

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** Lines of the table (no trailing newline); trailing spaces are trimmed. */
export function renderTable(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    columns
      .map((c, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return c.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
