/**
 * The first rows of a CSV/TSV file for a preview (RFC 4180: quoted fields may hold the delimiter,
 * doubled quotes and line breaks). The text may be only the head of the file, so a row cut off
 * at its end is dropped rather than shown half.
 */
export interface Rows {
  rows: string[][];
  /** Whether the file goes on past the rows returned. */
  more: boolean;
}

export function parseDelimited(text: string, delimiter: string, maxRows: number, complete: boolean): Rows {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  const endRow = () => {
    row.push(field);
    // A blank line is no row at all in a preview.
    if (row.length > 1 || row[0] !== "" || fieldStarted) rows.push(row);
    row = [];
    field = "";
    fieldStarted = false;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "" && !fieldStarted) {
      quoted = fieldStarted = true;
    } else if (c === delimiter) {
      row.push(field);
      field = "";
      fieldStarted = false;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
      if (rows.length === maxRows) return { rows, more: !complete || text.slice(i + 1).trim() !== "" };
    } else {
      field += c;
    }
    i++;
  }
  // The last line: whole if the text is the whole file, else possibly cut off, so left out.
  if (complete && (field !== "" || row.length > 0 || fieldStarted)) endRow();
  return { rows: rows.slice(0, maxRows), more: !complete };
}

/** The delimiter a ".csv" most likely uses: the most frequent of , ; tab on its first line. */
export function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/)).replace(/"[^"]*"/g, "");
  let best = ",";
  let bestCount = 0;
  for (const candidate of [",", ";", "\t"]) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}
