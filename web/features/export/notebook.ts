/**
 * A conversation as a Jupyter notebook (nbformat 4.5), to open in Jupyter and re-run.
 *
 * - The title is a heading; each question, each piece of the model's text and each answer is a
 *   markdown cell; every run (the model's and the user's) is a code cell with its outputs, in
 *   the order the timeline shows them.
 * - The model's reasoning is left out: it is its scratch work (often longer than all the rest,
 *   and for some providers only a summary), the app itself keeps it collapsed, and a notebook is
 *   read for its code and results.
 * - Outputs: stream → `stream`, display → `display_data`, value → `execute_result`, traceback →
 *   `error` (its lines, ANSI colours kept as Jupyter keeps them). A notice (timeout, stop, restart)
 *   becomes stderr under its cell, where it explains what the outputs lack. Progress lines
 *   ("Loading pandas") are about this app's package loading, not the code, and are dropped.
 * - JSON MIME types (`application/json`, Vega-Lite's `application/vnd.vegalite.v5+json`) are
 *   JSON in the notebook, as the format requires; images stay base64 strings.
 * - Execution counts number the cells that ran, from 1; an imported cell never run has none.
 */
import type { Turn } from "../../agent/record";
import type { Cell, Output } from "../../kernel/cells";
import type { MimeBundle } from "../../kernel/protocol";
import {
  isJsonMime,
  toLines,
  type Notebook,
  type NotebookCell,
  type NotebookMimeBundle,
  type NotebookOutput,
} from "./nbformat";
import { quote } from "./text";
import { cellOf, sessionItems, type ExportSource } from "./source";
import { withoutRemoteImages } from "./remote-images";

export interface NotebookOptions {
  /** The kernel's Python version ("3.14.0"), recorded in `language_info`. */
  pythonVersion?: string;
}

export function toNotebook(source: ExportSource, options: NotebookOptions = {}): Notebook {
  const newId = cellIds();
  let executionCount = 0;
  const cells: NotebookCell[] = [];
  const markdown = (seed: string, text: string) =>
    cells.push({ id: newId(seed), cell_type: "markdown", metadata: {}, source: toLines(text) });
  const code = (cell: Cell) => {
    const count = cell.status === "idle" ? null : ++executionCount;
    cells.push(codeCell(cell, newId(cell.id), count));
  };

  if (source.title.trim()) markdown("title", `# ${source.title.trim()}`);
  for (const item of sessionItems(source)) {
    if (item.kind === "cell") code(item.cell);
    else addTurn(item.turn, source.cells, markdown, code);
  }
  return { nbformat: 4, nbformat_minor: 5, metadata: metadata(source.title, options), cells };
}

function addTurn(
  turn: Turn,
  cells: Cell[],
  markdown: (seed: string, text: string) => void,
  code: (cell: Cell) => void,
): void {
  markdown(`${turn.id}-question`, `## Question\n\n${turn.question}`);
  turn.steps.forEach((step, i) => {
    if (step.assistant.content.trim()) markdown(`${turn.id}-step${i}`, withoutRemoteImages(step.assistant.content));
    for (const result of step.results) {
      const cell = cellOf(cells, result.cellId);
      if (cell) code(cell);
      else markdown(`${turn.id}-call-${result.callId}`, quote(`This code did not run: ${result.message}`));
    }
  });
  if (turn.answer?.content.trim()) markdown(`${turn.id}-answer`, withoutRemoteImages(turn.answer.content));
  if (turn.notice) markdown(`${turn.id}-notice`, quote(turn.notice));
}

function codeCell(cell: Cell, id: string, count: number | null): NotebookCell {
  const about = { origin: cell.origin, status: cell.status, ...(cell.title ? { title: cell.title } : {}) };
  return {
    id,
    cell_type: "code",
    // A namespaced key, as the format asks of custom metadata: who ran the cell and how it ended.
    metadata: { code_interpreter: about },
    source: toLines(cell.code),
    execution_count: count,
    outputs: cell.outputs.flatMap((output) => toOutputs(output, count)),
  };
}

function toOutputs(output: Output, count: number | null): NotebookOutput[] {
  switch (output.type) {
    case "stream":
      return [{ output_type: "stream", name: output.name, text: toLines(output.text) }];
    case "display":
      return [{ output_type: "display_data", data: toBundle(output.data), metadata: {} }];
    case "result":
      return [{ output_type: "execute_result", execution_count: count, data: toBundle(output.data), metadata: {} }];
    case "error": {
      const { name, message, traceback } = output.error;
      return [
        { output_type: "error", ename: name, evalue: message, traceback: traceback.replace(/\n$/, "").split("\n") },
      ];
    }
    case "notice":
      return [{ output_type: "stream", name: "stderr", text: toLines(`${output.message}\n`) }];
    case "progress":
      return [];
  }
}

function toBundle(data: MimeBundle): NotebookMimeBundle {
  const bundle: NotebookMimeBundle = {};
  for (const [mime, value] of Object.entries(data)) {
    if (isJsonMime(mime)) bundle[mime] = parseJson(value);
    // Base64 stays one string, as Jupyter writes it; text is split into lines.
    else if (mime.startsWith("image/") && mime !== "image/svg+xml") bundle[mime] = value;
    else bundle[mime] = toLines(value);
  }
  return bundle;
}

/** JSON data as JSON; text that does not parse stays text (the schema allows any JSON value there). */
function parseJson(value: string): object | string {
  try {
    return JSON.parse(value) as object;
  } catch {
    return value;
  }
}

function metadata(title: string, { pythonVersion }: NotebookOptions): Record<string, unknown> {
  return {
    ...(title.trim() ? { title: title.trim() } : {}),
    kernelspec: { name: "python3", display_name: "Python 3 (ipykernel)", language: "python" },
    language_info: {
      name: "python",
      ...(pythonVersion ? { version: pythonVersion } : {}),
      mimetype: "text/x-python",
      file_extension: ".py",
      codemirror_mode: { name: "ipython", version: 3 },
      pygments_lexer: "ipython3",
      nbconvert_exporter: "python",
    },
  };
}

/** Cell ids as nbformat 4.5 wants them: 1–64 of [A-Za-z0-9_-], unique in the notebook. */
function cellIds(): (seed: string) => string {
  const used = new Set<string>();
  return (seed) => {
    const base = seed.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 56) || "cell";
    let id = base;
    for (let i = 1; used.has(id); i++) id = `${base}-${i}`;
    used.add(id);
    return id;
  };
}
