/**
 * The Jupyter notebook format, version 4.5 (https://nbformat.readthedocs.io/en/latest/format_description.html):
 * the subset this app writes, as types, and the multi-line string rule shared by export and import.
 */

/** On disk a multi-line string may be one string or a list of lines, each keeping its "\n". */
export type MultilineString = string | string[];

/** MIME type → data. JSON types (`application/json`, `application/…+json`) hold JSON itself, not a string. */
export type NotebookMimeBundle = Record<string, MultilineString | object>;

export type NotebookOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: MultilineString }
  | { output_type: "display_data"; data: NotebookMimeBundle; metadata: Record<string, unknown> }
  | {
      output_type: "execute_result";
      execution_count: number | null;
      data: NotebookMimeBundle;
      metadata: Record<string, unknown>;
    }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export type NotebookCell =
  | { id: string; cell_type: "markdown"; metadata: Record<string, unknown>; source: MultilineString }
  | {
      id: string;
      cell_type: "code";
      metadata: Record<string, unknown>;
      source: MultilineString;
      execution_count: number | null;
      outputs: NotebookOutput[];
    };

export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

/** Splits text the way Jupyter writes it: every line keeps its "\n", the last one may lack it; "" is []. */
export function toLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Reads a multi-line string back: lists are joined with "" (the lines already carry their "\n"). */
export function joinLines(value: MultilineString): string {
  return typeof value === "string" ? value : value.join("");
}

/** Whether a MIME type's data is JSON in the notebook, not text (the schema's `^application/(.*\+)?json$`). */
export const isJsonMime = (mime: string): boolean => /^application\/(.*\+)?json$/.test(mime);
