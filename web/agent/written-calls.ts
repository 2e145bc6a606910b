/**
 * Tool calls that did not come as structured calls: written into the answer as text (local
 * models whose server's parser missed them), or returned by a server that could not read them
 * (Groq's `failed_generation`). Read as run_python where they can be, else handed back once.
 */
import type { ChatMessage } from "./client";
import { RUN_PYTHON_TOOL } from "./prompt";
import { parseTextToolCalls, type AssembledTurn, type TextToolCalls } from "./stream";

/**
 * Written as text, a call is read under the names local models give a Python tool from their
 * training, and run as run_python (a structured call to another name is sent back, to retry).
 */
const CODE_TOOL_NAMES = [
  RUN_PYTHON_TOOL.function.name,
  ...["python", "ipython", "code_interpreter", "python_interpreter", "execute_python", "run_code", "execute_code"],
];

/** Tool calls written as text, any of the code tool's names read as run_python. */
export function readTextCalls(text: string): TextToolCalls | null {
  const parsed = parseTextToolCalls(text, CODE_TOOL_NAMES);
  const name = RUN_PYTHON_TOOL.function.name;
  return parsed && { ...parsed, calls: parsed.calls.map((call) => ({ ...call, name })) };
}

/**
 * A call the server could not read (Groq's `failed_generation`), where the text fallback reads it
 * (Llama's `<function=run_python>{…}</function>`): run as if the server had.
 */
export function readFailedCall(failed: string): AssembledTurn | null {
  const parsed = readTextCalls(failed);
  if (!parsed) return null;
  return {
    content: parsed.text,
    reasoning: "",
    toolCalls: parsed.calls,
    finishReason: "tool_calls",
    usage: null,
    echo: {},
    interrupted: false,
  };
}

/** What the model wrote, and a word on why it did not run, for it to try again. */
export function feedBack(failed: string): ChatMessage[] {
  return [
    { role: "assistant", content: failed },
    {
      role: "user",
      content:
        'The server could not read that tool call, so nothing ran. Call run_python again, with its arguments as a JSON object: {"code": "…"}.',
    },
  ];
}
