/**
 * A long conversation fitted into the model's context window. Requests grow with every turn
 * (each carries the whole conversation), and a model's window is not known in advance. When an
 * endpoint refuses a request as too long, the size it refused is remembered for the page's life,
 * and later requests to that model leave out the oldest turns until they are well under it.
 */
import type { ChatMessage } from "./client";

/** The smallest request size (characters of JSON) each endpoint's model refused as too long. */
const refused = new Map<string, number>();

/** How far under a refused size a request is cut: the window's real size is somewhere below it. */
const MARGIN = 0.8;

/** What a figure counts for: its tokens (~1,000, at ~4 characters a token), not its base64. */
const IMAGE_CHARS = 4000;

/** A request's size in characters of JSON, figures counted by what they cost the model. */
export function sizeOf(messages: ChatMessage[]): number {
  let images = 0;
  const json = JSON.stringify(messages, (key, value: unknown) => {
    if (key !== "url" || typeof value !== "string" || !value.startsWith("data:")) return value;
    images++;
    return "";
  });
  return json.length + images * IMAGE_CHARS;
}

export function rememberTooLong(model: string, size: number): void {
  refused.set(model, Math.min(size, refused.get(model) ?? Infinity));
}

/**
 * The messages `build` makes leaving out the fewest of the `turns` oldest turns that brings them
 * under what `model` refused (all of them, when nothing else does), and how many were left out.
 */
export function fitted(
  model: string,
  turns: number,
  build: (leftOut: number) => ChatMessage[],
): { messages: ChatMessage[]; leftOut: number } {
  const limit = (refused.get(model) ?? Infinity) * MARGIN;
  for (let leftOut = 0; ; leftOut++) {
    const messages = build(leftOut);
    if (leftOut === turns || limit === Infinity || sizeOf(messages) <= limit) return { messages, leftOut };
  }
}

/** Said to the model above the turns it is sent, when earlier ones are left out. */
export function leftOutNote(leftOut: number): string {
  const which = leftOut === 1 ? "first exchange with the user is" : `first ${leftOut} exchanges with the user are`;
  return `\n\nThe conversation's ${which} left out of these messages: all of it no longer fits your context window. The kernel still holds what their code did.`;
}
