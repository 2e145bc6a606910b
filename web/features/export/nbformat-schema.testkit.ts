/**
 * The essential checks of the official nbformat v4.5 JSON schema (nbformat/v4/nbformat.v4.5.schema.json),
 * written out because the schema cannot be fetched here: required and allowed keys of the
 * notebook, each cell type and each output type, their types, the cell id pattern and uniqueness,
 * multi-line strings, and MIME bundles (JSON types may hold any JSON, others text).
 * Returns every problem found as "path: what is wrong"; an empty list means valid.
 */
type Json = Record<string, unknown>;

const CELL_ID = /^[a-zA-Z0-9-_]+$/;
const JSON_MIME = /^application\/(.*\+)?json$/;

const CELL_KEYS = {
  raw: { required: ["id", "cell_type", "metadata", "source"], optional: ["attachments"] },
  markdown: { required: ["id", "cell_type", "metadata", "source"], optional: ["attachments"] },
  code: { required: ["id", "cell_type", "metadata", "source", "outputs", "execution_count"], optional: [] },
} as const;

const OUTPUT_KEYS = {
  execute_result: ["output_type", "data", "metadata", "execution_count"],
  display_data: ["output_type", "data", "metadata"],
  stream: ["output_type", "name", "text"],
  error: ["output_type", "ename", "evalue", "traceback"],
} as const;

export function validateNotebook(notebook: unknown): string[] {
  const problems: string[] = [];
  const fail = (path: string, what: string) => problems.push(`${path}: ${what}`);
  if (!isObject(notebook)) return ["notebook: not an object"];
  keys(notebook, "notebook", ["metadata", "nbformat_minor", "nbformat", "cells"], [], fail);
  if (notebook.nbformat !== 4) fail("nbformat", "must be the integer 4");
  if (!Number.isInteger(notebook.nbformat_minor) || (notebook.nbformat_minor as number) < 5) {
    fail("nbformat_minor", "must be an integer ≥ 5");
  }
  notebookMetadata(notebook.metadata, fail);
  if (!Array.isArray(notebook.cells)) return [...problems, "cells: not an array"];
  const ids = new Set<string>();
  notebook.cells.forEach((cell, i) => {
    validateCell(cell, `cells[${i}]`, fail);
    if (isObject(cell) && typeof cell.id === "string") {
      if (ids.has(cell.id)) fail(`cells[${i}].id`, `"${cell.id}" is not unique`);
      ids.add(cell.id);
    }
  });
  return problems;
}

type Fail = (path: string, what: string) => void;

function notebookMetadata(metadata: unknown, fail: Fail): void {
  if (!isObject(metadata)) return fail("metadata", "not an object");
  const { kernelspec, language_info: info, title, authors } = metadata;
  if (kernelspec !== undefined) {
    if (!isObject(kernelspec)) fail("metadata.kernelspec", "not an object");
    else for (const key of ["name", "display_name"]) string(kernelspec[key], `metadata.kernelspec.${key}`, fail);
  }
  if (info !== undefined) {
    if (!isObject(info)) return fail("metadata.language_info", "not an object");
    string(info.name, "metadata.language_info.name", fail);
    for (const key of ["file_extension", "mimetype", "pygments_lexer"]) {
      if (info[key] !== undefined) string(info[key], `metadata.language_info.${key}`, fail);
    }
    const mode = info.codemirror_mode;
    if (mode !== undefined && typeof mode !== "string" && !isObject(mode)) {
      fail("metadata.language_info.codemirror_mode", "neither a string nor an object");
    }
  }
  if (title !== undefined) string(title, "metadata.title", fail);
  if (authors !== undefined && !Array.isArray(authors)) fail("metadata.authors", "not an array");
}

function validateCell(cell: unknown, path: string, fail: Fail): void {
  if (!isObject(cell)) return fail(path, "not an object");
  const type = cell.cell_type as keyof typeof CELL_KEYS;
  if (!(type in CELL_KEYS)) return fail(`${path}.cell_type`, `unknown cell type ${JSON.stringify(type)}`);
  keys(cell, path, CELL_KEYS[type].required, CELL_KEYS[type].optional, fail);
  if (typeof cell.id !== "string" || !CELL_ID.test(cell.id) || cell.id.length > 64) {
    fail(`${path}.id`, "must be 1–64 characters of [a-zA-Z0-9-_]");
  }
  cellMetadata(cell.metadata, `${path}.metadata`, fail);
  multiline(cell.source, `${path}.source`, fail);
  if (cell.attachments !== undefined) {
    if (!isObject(cell.attachments)) fail(`${path}.attachments`, "not an object");
    else
      for (const [name, bundle] of Object.entries(cell.attachments))
        mimeBundle(bundle, `${path}.attachments.${name}`, fail);
  }
  if (type !== "code") return;
  executionCount(cell.execution_count, `${path}.execution_count`, fail);
  if (!Array.isArray(cell.outputs)) return fail(`${path}.outputs`, "not an array");
  cell.outputs.forEach((output, i) => validateOutput(output, `${path}.outputs[${i}]`, fail));
}

function cellMetadata(metadata: unknown, path: string, fail: Fail): void {
  if (!isObject(metadata)) return fail(path, "not an object");
  const { name, tags, collapsed, scrolled, jupyter, execution } = metadata;
  if (name !== undefined && (typeof name !== "string" || !name)) fail(`${path}.name`, "not a non-empty string");
  if (tags !== undefined) {
    const ok = Array.isArray(tags) && tags.every((t) => typeof t === "string" && /^[^,]+$/.test(t));
    if (!ok || new Set(tags as string[]).size !== (tags as string[]).length)
      fail(`${path}.tags`, "not unique comma-free strings");
  }
  if (collapsed !== undefined && typeof collapsed !== "boolean") fail(`${path}.collapsed`, "not a boolean");
  if (scrolled !== undefined && ![true, false, "auto"].includes(scrolled as boolean))
    fail(`${path}.scrolled`, "not true, false or auto");
  if (jupyter !== undefined && !isObject(jupyter)) fail(`${path}.jupyter`, "not an object");
  if (
    execution !== undefined &&
    (!isObject(execution) || !Object.values(execution).every((v) => typeof v === "string"))
  ) {
    fail(`${path}.execution`, "not an object of strings");
  }
}

function validateOutput(output: unknown, path: string, fail: Fail): void {
  if (!isObject(output)) return fail(path, "not an object");
  const type = output.output_type as keyof typeof OUTPUT_KEYS;
  if (!(type in OUTPUT_KEYS)) return fail(`${path}.output_type`, `unknown output type ${JSON.stringify(type)}`);
  keys(output, path, OUTPUT_KEYS[type], [], fail);
  switch (type) {
    case "execute_result":
    case "display_data":
      // An execute_result is a display_data with a count.
      if (type === "execute_result") executionCount(output.execution_count, `${path}.execution_count`, fail);
      mimeBundle(output.data, `${path}.data`, fail);
      if (!isObject(output.metadata)) fail(`${path}.metadata`, "not an object");
      return;
    case "stream":
      string(output.name, `${path}.name`, fail);
      return multiline(output.text, `${path}.text`, fail);
    case "error":
      string(output.ename, `${path}.ename`, fail);
      string(output.evalue, `${path}.evalue`, fail);
      if (!Array.isArray(output.traceback) || !output.traceback.every((line) => typeof line === "string")) {
        fail(`${path}.traceback`, "not an array of strings");
      }
  }
}

function mimeBundle(bundle: unknown, path: string, fail: Fail): void {
  if (!isObject(bundle)) return fail(path, "not an object");
  for (const [mime, data] of Object.entries(bundle)) {
    if (!JSON_MIME.test(mime)) multiline(data, `${path}["${mime}"]`, fail);
  }
}

/** additionalProperties: false, and every required key present. */
function keys(object: Json, path: string, required: readonly string[], optional: readonly string[], fail: Fail): void {
  for (const key of required) if (!(key in object)) fail(path, `missing "${key}"`);
  for (const key of Object.keys(object)) {
    if (!required.includes(key) && !optional.includes(key)) fail(path, `unexpected "${key}"`);
  }
}

function executionCount(value: unknown, path: string, fail: Fail): void {
  if (value !== null && !(Number.isInteger(value) && (value as number) >= 0)) fail(path, "not null or an integer ≥ 0");
}

function multiline(value: unknown, path: string, fail: Fail): void {
  if (typeof value === "string") return;
  if (!Array.isArray(value) || !value.every((line) => typeof line === "string")) {
    fail(path, "not a string or an array of strings");
  }
}

function string(value: unknown, path: string, fail: Fail): void {
  if (typeof value !== "string") fail(path, "not a string");
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
