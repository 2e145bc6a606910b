/**
 * The run in progress (one at a time: KernelHost queues runs) and what its kernel may send the
 * page: events for that run only, within the page's budget of events and characters.
 */
import type { StopReason } from "./notices";
import type { RunEvent, RunResult } from "./protocol";
import type { RestoreReport } from "./restore";
import type { KernelSession } from "./session";
import { parseRunEvent } from "./validate";

/** What a run came to: the kernel's own result, or a killed run. `notice` says what happened. */
export type RunOutcome =
  /** `stopped`: interrupted (Stop, the timeout), though the kernel lived on: not a cell to re-run. */
  | (RunResult & { notice?: string; stopped?: StopReason })
  | {
      status: "killed";
      runId: string;
      reason: StopReason;
      notice: string;
      restore: RestoreReport | null;
      changedFiles: string[];
    };

export interface ActiveRun {
  runId: string;
  session: KernelSession;
  onEvent: (event: RunEvent) => void;
  events: number;
  chars: number;
  stop: StopReason | null;
  timer?: ReturnType<typeof setTimeout>;
}

export class Runs {
  current: ActiveRun | null = null;
  /** The last run that ended: its "started" may land after its result (see `check`). */
  #ended: ActiveRun | null = null;

  begin(session: KernelSession, onEvent: (event: RunEvent) => void = () => {}): ActiveRun {
    const run = { runId: crypto.randomUUID(), session, onEvent, events: 0, chars: 0, stop: null };
    this.current = run;
    return run;
  }

  end(run: ActiveRun): void {
    this.#ended = run;
    this.current = null;
  }

  /**
   * A kernel's message, checked: the event and its run; null for a "started" that came after its
   * run's result (the kernel sends it without waiting for it to land, so a trivial run is one
   * round trip, and events come on another port than results); else what rule it broke.
   */
  check(
    session: KernelSession,
    raw: unknown,
    budget: { events: number; chars: number },
  ): { run: ActiveRun; event: RunEvent } | null | string {
    const run = this.current;
    const event = run?.session === session ? parseRunEvent(raw, { nonce: session.nonce, runId: run.runId }) : null;
    if (!run || !event) return this.#lateStart(session, raw) ? null : "it sent a malformed or stray message";
    run.chars +=
      event.kind === "stream" ? event.text.length : event.kind === "display" ? JSON.stringify(event.data).length : 0;
    if (++run.events > budget.events || run.chars > budget.chars) return "it flooded the page with output";
    return { run, event };
  }

  #lateStart(session: KernelSession, raw: unknown): boolean {
    const ended = this.#ended;
    if (ended?.session !== session) return false;
    return parseRunEvent(raw, { nonce: session.nonce, runId: ended.runId })?.kind === "started";
  }
}
