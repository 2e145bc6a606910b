import { useState, useSyncExternalStore } from "react";
import type { KernelHost } from "../../kernel/host";
import { useKernelState } from "../../kernel/useKernelState";
import type { Workspace } from "../../storage/workspace";

/**
 * The kernel's state in words, with a progress bar while Python downloads and starts;
 * "Restart kernel" (fresh state, files kept) and "Restore state" (re-run the cells that succeeded).
 */
export function KernelStatus({ kernel, workspace }: { kernel: KernelHost; workspace: Workspace }) {
  const state = useKernelState(kernel);
  useSyncExternalStore(workspace.subscribe, workspace.getState); // drawn again when another conversation opens
  const [report, setReport] = useState("");
  const settling = state.kind === "booting" || state.kind === "restarting";
  // Drawn again on every change of the kernel's state: a switch, a restart, a run, a restore.
  const missing = state.kind === "ready" && !report ? workspace.stateMissing() : 0;
  const restore = async () => {
    setReport("");
    const result = await workspace.restoreState();
    setReport(result.summary);
  };
  return (
    <div className="kernel-status" data-kind={state.kind}>
      <span role="status" aria-label="Kernel" aria-live="polite">
        {state.kind === "booting" && (
          <>
            <span>{state.message}</span>
            <progress aria-label="Kernel loading" max={1} value={state.progress ?? undefined} />
          </>
        )}
        {state.kind === "ready" && <span>Python {state.info.pythonVersion} ready</span>}
        {state.kind === "running" && <span>Running…</span>}
        {state.kind === "restarting" && <span>{state.message}</span>}
        {state.kind === "failed" && <span className="error">Kernel failed: {state.error}</span>}
      </span>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          setReport("");
          void kernel.restart();
        }}
        disabled={settling}
      >
        Restart kernel
      </button>
      <button type="button" className="secondary" onClick={() => void restore()} disabled={settling}>
        Restore state
      </button>
      {report && (
        <span className="restore-report" role="status" aria-label="Restore">
          {report}
        </span>
      )}
      {missing > 0 && (
        <span className="restore-report">
          {`The variables of ${missing} earlier ${missing === 1 ? "cell are" : "cells are"} not in this kernel: Restore state brings them back.`}
        </span>
      )}
    </div>
  );
}
