/** What happened to a run, in one sentence a person and a model both understand. */
import { formatCount } from "../lib/count";
import { describeBytes, type Limits } from "./limits";
import type { RunResult } from "./protocol";

/** Why a run was cut short. */
export type StopReason = "timeout" | "stopped" | "restarted" | "violation" | "crashed";

export function whyStopped(reason: StopReason, limits: Limits): string {
  switch (reason) {
    case "timeout":
      return `Timed out after ${Math.round(limits.timeoutMs / 1000)} s.`;
    case "stopped":
      return "Stopped by user.";
    case "restarted":
      return "Ended by Restart kernel.";
    case "violation":
      return "The kernel broke the page's rules (malformed or flooding messages).";
    case "crashed":
      return "The kernel crashed.";
  }
}

/** The notice for a run the kernel survived: interrupted, or out of memory; none otherwise. */
export function survivedNotice(stop: StopReason | null, result: RunResult, limits: Limits): string | undefined {
  const said = [
    stop && `${whyStopped(stop, limits)} The run was interrupted; the kernel kept its state.`,
    !stop &&
      result.status === "error" &&
      result.error.name === "MemoryError" &&
      `Out of memory: the run went past the kernel's ${describeBytes(limits.memoryBytes)} memory limit.`,
    result.unreportedFiles &&
      `${formatCount(result.unreportedFiles)} more files this run wrote are not kept with the conversation (past the first ${formatCount(result.changedFiles.length)}): they are in /mnt/data until the kernel restarts or the page reloads. Put them in one zip file to keep them.`,
  ].filter(Boolean);
  return said.length ? said.join(" ") : undefined;
}

/** The notice for a run whose kernel was replaced. */
export function killedNotice(reason: StopReason, restoreSummary: string, limits: Limits): string {
  // Restart kernel is the user's own: what it did goes without saying, what came back does not.
  if (reason === "restarted") return `${whyStopped(reason, limits)} Files in /mnt/data kept. This cell did not finish.`;
  return `${whyStopped(reason, limits)} The kernel was restarted. ${restoreSummary} This cell did not finish.`;
}
