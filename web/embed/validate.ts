/**
 * Parent messages are hostile until checked here: exact shape, known keys only, bounded sizes.
 * Something without our `protocol` marker is not for us ("foreign", ignored silently); something
 * with it that breaks a rule is "malformed" (ignored, with the reason in the console for the
 * parent's developer). Origin and source are checked before this, by the bridge.
 */
import { EMBED_PROTOCOL, EMBED_VERSION, type EmbedFile, type EmbedRequest } from "./protocol";

export const EMBED_LIMITS = {
  idChars: 128,
  questionChars: 32_000,
  codeChars: 1_000_000,
  filesPerRequest: 20,
  nameChars: 1024,
};

export type Parsed =
  { kind: "request"; request: EmbedRequest } | { kind: "foreign" } | { kind: "malformed"; reason: string };

const malformed = (reason: string): Parsed => ({ kind: "malformed", reason });

/** A plain object, not an array, a class instance or anything with a getter-bearing prototype. */
function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const KEYS: Record<EmbedRequest["type"], string[]> = {
  addFiles: ["files"],
  ask: ["question"],
  run: ["code"],
};

const boundedText = (value: unknown, max: number): value is string =>
  typeof value === "string" && value.trim().length > 0 && value.length <= max;

export function parseRequest(data: unknown): Parsed {
  if (!isPlain(data) || data.protocol !== EMBED_PROTOCOL) return { kind: "foreign" };
  if (data.version !== EMBED_VERSION) return malformed(`version must be ${EMBED_VERSION}`);
  const type = data.type;
  if (typeof type !== "string" || !Object.hasOwn(KEYS, type)) return malformed("unknown type");
  const allowed = ["protocol", "version", "type", "id", ...KEYS[type as EmbedRequest["type"]]];
  const extra = Object.keys(data).find((key) => !allowed.includes(key));
  if (extra !== undefined) return malformed(`unknown field "${extra.slice(0, 40)}"`);
  if (!boundedText(data.id, EMBED_LIMITS.idChars))
    return malformed(`id must be a string of 1–${EMBED_LIMITS.idChars} characters`);
  const head = { protocol: EMBED_PROTOCOL, version: EMBED_VERSION, id: data.id } as const;
  switch (type) {
    case "ask":
      if (!boundedText(data.question, EMBED_LIMITS.questionChars))
        return malformed(`question must be text of 1–${EMBED_LIMITS.questionChars} characters`);
      return { kind: "request", request: { ...head, type, question: data.question } };
    case "run":
      if (!boundedText(data.code, EMBED_LIMITS.codeChars))
        return malformed(`code must be text of 1–${EMBED_LIMITS.codeChars} characters`);
      return { kind: "request", request: { ...head, type, code: data.code } };
    default: {
      const files = parseFiles(data.files);
      if (typeof files === "string") return malformed(files);
      return { kind: "request", request: { ...head, type: "addFiles", files } };
    }
  }
}

/** The files of an addFiles request, or why they are malformed. */
function parseFiles(raw: unknown): EmbedFile[] | string {
  const max = EMBED_LIMITS.filesPerRequest;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > max) return `files must be a list of 1–${max} files`;
  const files: EmbedFile[] = [];
  for (const file of raw) {
    if (!isPlain(file) || Object.keys(file).some((key) => key !== "name" && key !== "data"))
      return "each file must be { name, data }";
    if (!boundedText(file.name, EMBED_LIMITS.nameChars))
      return `a file name must be text of 1–${EMBED_LIMITS.nameChars} characters`;
    const data = file.data;
    const bytes = data instanceof ArrayBuffer || ArrayBuffer.isView(data) || data instanceof Blob;
    if (typeof data !== "string" && !bytes)
      return "a file's data must be text, an ArrayBuffer, a typed array or a Blob";
    files.push({ name: file.name, data });
  }
  return files;
}

/** The file as the upload path takes it (its size is checked against the cap before it is read). */
export function toFile({ name, data }: EmbedFile): File {
  const part = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data;
  return new File([part as BlobPart], name);
}
