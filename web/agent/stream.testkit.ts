// Chunks in the real chat.completion.chunk layout, for the stream assembler's tests.
import { StreamAssembler, type StreamDelta } from "./stream";

export type Delta = Record<string, unknown>;

let created = 1_760_000_000;
/** A chat.completion.chunk as servers send it. */
export function chunk(delta: Delta | undefined, finish: string | null = null, extra: Record<string, unknown> = {}) {
  const choice: Record<string, unknown> = { index: 0, logprobs: null, finish_reason: finish };
  if (delta) choice.delta = delta;
  return {
    id: "chatcmpl-abc123",
    object: "chat.completion.chunk",
    created: created++,
    model: "test-model",
    system_fingerprint: "fp_1",
    choices: [choice],
    ...extra,
  };
}

export function call(index: number | undefined, id: string | undefined, name: string | undefined, args?: string) {
  const fn: Record<string, unknown> = {};
  if (name !== undefined) fn.name = name;
  if (args !== undefined) fn.arguments = args;
  return {
    ...(index !== undefined && { index }),
    ...(id !== undefined && { id }),
    ...(id !== undefined && { type: "function" }),
    function: fn,
  };
}

export function counter() {
  let n = 0;
  return () => `gen${String(++n).padStart(6, "0")}`;
}

export function assemble(chunks: unknown[]) {
  const assembler = new StreamAssembler({ newId: counter() });
  const live: StreamDelta[] = chunks.map((c) => assembler.push(c));
  return { turn: assembler.finish(), live, assembler };
}

export const CODE = '{"code": "print(1 + 1)"}';
