import type { KernelHost } from "../../kernel/host";
import { useKernelState } from "../../kernel/useKernelState";

/** The kernel's state in words, with a progress bar while Python downloads and starts. */
export function KernelStatus({ kernel }: { kernel: KernelHost }) {
  const state = useKernelState(kernel);
  return (
    <div className="kernel-status" role="status" aria-live="polite" data-kind={state.kind}>
      {state.kind === "booting" && (
        <>
          <span>{state.message}</span>
          <progress
            aria-label="Kernel loading"
            max={1}
            value={state.progress ?? undefined}
          />
        </>
      )}
      {state.kind === "ready" && <span>Python {state.info.pythonVersion} ready</span>}
      {state.kind === "running" && <span>Running…</span>}
      {state.kind === "failed" && <span className="error">Kernel failed: {state.error}</span>}
    </div>
  );
}
