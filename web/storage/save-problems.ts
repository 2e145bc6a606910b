/**
 * What could not be saved, as sentences a person can act on, and the few shown at once: a
 * conversation's replaces its last (and goes once a save succeeds), a file's stays beside it.
 */
import { MAX_KEPT_BYTES } from "../kernel/restore";
import { refusalReason } from "./db";

const UNSAVED = "This conversation could not be saved in this browser";
const SHOWN = 3;

export const saveProblem = {
  conversation: (error: unknown) =>
    `${UNSAVED} (${refusalReason(error)}): what changed since may be gone after a reload.`,
  journal: (error: unknown) =>
    `The last changes before the page closed could not be saved in this browser (${refusalReason(error)}). They are kept aside: make room (delete conversations or files you no longer need) and reload to get them back.`,
  files(names: string[], error: unknown): string {
    const which = names.length === 1 ? names[0] : `${names[0]} and ${names.length - 1} more files`;
    const [it, them] = names.length === 1 ? ["it", "it"] : ["they", "them"];
    return `${which} could not be saved in this browser (${refusalReason(error)}): ${it} will be gone after a reload. Download ${them} to keep ${them}.`;
  },
  notKept: (name: string) =>
    `${name} is not kept with this conversation: its files would be over ${MAX_KEPT_BYTES / 1024 ** 2} MiB in all. It stays in /mnt/data until the kernel restarts or the page reloads; download it to keep it.`,
};

/** The problems shown, with `problem` said last. */
export function withProblem(shown: string[], problem: string): string[] {
  const kind = problem.startsWith(UNSAVED) ? UNSAVED : problem;
  return [...shown.filter((p) => !p.startsWith(kind)), problem].slice(-SHOWN);
}

/** The problems shown once the conversation saved. */
export const afterSave = (shown: string[]): string[] => shown.filter((p) => !p.startsWith(UNSAVED));
