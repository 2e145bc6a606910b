/**
 * The code of a Jupyter notebook, cell by cell, to run here. Reads nbformat 4 (`cells`) and the
 * older nbformat 3 (`worksheets[].cells`, code in `input`); markdown, raw and empty code cells are
 * skipped. Anything else is refused with a message a person can act on.
 */
import { joinLines, type MultilineString } from "./nbformat";

/** Beyond these a file is not a notebook anyone means to run in a browser tab. */
export const MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024;
export const MAX_NOTEBOOK_CELLS = 2000;

const NOT_A_NOTEBOOK = "This file is not a Jupyter notebook";

/**
 * IPython's magics and shell escapes (`%matplotlib inline`, `!pip install x`), in most real
 * notebooks: not Python, so a SyntaxError for the whole cell. Kept as comments; the rest runs.
 * A name follows at once: a continuation line (`% b`, `!= 2`) is Python, and stays.
 */
const MAGIC = /^([^\S\n]*)((?:%%?|!)[A-Za-z].*)$/gm;

export function fromNotebook(text: string): string[] {
  // UTF-16 length is at most the UTF-8 size, so this never refuses a file under the limit.
  if (text.length > MAX_NOTEBOOK_BYTES) throw new Error(tooLarge(text.length));
  let notebook: unknown;
  try {
    notebook = JSON.parse(text);
  } catch {
    throw new Error(`${NOT_A_NOTEBOOK}: it is not JSON.`);
  }
  if (!isRecord(notebook) || typeof notebook.nbformat !== "number") {
    throw new Error(`${NOT_A_NOTEBOOK}: it has no "nbformat" version.`);
  }
  const cells = notebookCells(notebook);
  if (cells.length > MAX_NOTEBOOK_CELLS) {
    throw new Error(`This notebook has ${cells.length} cells; at most ${MAX_NOTEBOOK_CELLS} can be imported.`);
  }
  const key = notebook.nbformat === 3 ? "input" : "source";
  return cells.flatMap((cell, i) => {
    if (!isRecord(cell)) throw new Error(`${NOT_A_NOTEBOOK}: cell ${i + 1} is not an object.`);
    if (cell.cell_type !== "code") return [];
    const source = cell[key];
    if (!isMultiline(source)) throw new Error(`${NOT_A_NOTEBOOK}: code cell ${i + 1} has no "${key}" text.`);
    const code = joinLines(source).replace(/\r\n?/g, "\n").replace(MAGIC, "$1# $2  # IPython only: not run here");
    return code.trim() ? [code] : [];
  });
}

function notebookCells(notebook: Record<string, unknown>): unknown[] {
  if (notebook.nbformat === 4) {
    if (!Array.isArray(notebook.cells)) throw new Error(`${NOT_A_NOTEBOOK}: it has no list of cells.`);
    return notebook.cells;
  }
  if (notebook.nbformat === 3) {
    const { worksheets } = notebook;
    if (!Array.isArray(worksheets) || !worksheets.every((w) => isRecord(w) && Array.isArray(w.cells))) {
      throw new Error(`${NOT_A_NOTEBOOK}: it has no list of worksheets with cells.`);
    }
    return worksheets.flatMap((w) => w.cells as unknown[]);
  }
  throw new Error(`Notebook format ${notebook.nbformat} is not supported: only formats 3 and 4 can be imported.`);
}

export const tooLarge = (bytes: number) =>
  `This notebook is too large to import (${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_NOTEBOOK_BYTES / 1024 / 1024} MB).`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isMultiline = (value: unknown): value is MultilineString =>
  typeof value === "string" || (Array.isArray(value) && value.every((line) => typeof line === "string"));
