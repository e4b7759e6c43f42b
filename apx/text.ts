/** Columns padded to their widest cell; the last column is not padded. Cells are made printable. */
export function table(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows].map((row) => row.map((cell) => printable(cell).replace(/[\r\n\t]+/g, ' ')));
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  return all.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : (cell ?? '').padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

export function truncate(line: string, width: number): string {
  return line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line;
}

/** Server text printed to a terminal: control characters (escape sequences) are made visible. */
export function printable(value: string | null | undefined): string {
  return (value ?? '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
