/** The kernel's budgets, with their defaults (issue 3). Site config and settings override them. */
import type { KernelLimits } from "./protocol";

export interface Limits extends KernelLimits {
  /** Wall time per run, counted from when user code starts (not while packages load). */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  timeoutMs: 60_000,
  memoryBytes: 2 * 1024 ** 3,
  outputChars: 4 * 1024 ** 2,
  displays: 50,
  imageBytes: 32 * 1024 ** 2,
};

/** After an interrupt, how long a run has to end before its kernel is replaced. */
export const INTERRUPT_GRACE_MS = 1000;

/** What the page accepts per run before the kernel counts as flooding (a backstop: the kernel caps itself lower). */
export function pageBudget(limits: Limits) {
  return {
    events: 4 * (limits.outputChars / 1024 + limits.displays) + 1000,
    chars: 2 * (limits.outputChars + limits.imageBytes) + 16 * 1024 ** 2,
    /** Messages per second on the kernel's port, Comlink's own included. */
    messagesPerSecond: 2000,
  };
}

export function describeBytes(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  return gib >= 1 ? `${+gib.toFixed(1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}
