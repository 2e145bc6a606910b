/**
 * What went wrong, as text, whatever was thrown: not every throw is an Error with a message (a
 * kernel's file system error crosses the worker boundary as a plain object), and an `undefined`
 * message saved in a cell would break the page that shows it.
 */
export function messageOf(error: unknown): string {
  if (typeof error === "string" && error) return error;
  const message = typeof error === "object" && error !== null ? (error as { message?: unknown }).message : undefined;
  if (typeof message === "string" && message) return message;
  const name = typeof error === "object" && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === "string" && name ? `${name} (no message)` : "an unknown error";
}
