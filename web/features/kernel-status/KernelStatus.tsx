import type { KernelHost } from "../../kernel/host";
import { useKernelState } from "../../kernel/useKernelState";

/** The kernel's state in words, with a progress bar while Python downloads and starts. */
export function KernelStatus({ kernel }: { kernel: KernelHost }) {
  const state = useKernelState(kernel);
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
        onClick={() => void kernel.restart()}
        disabled={state.kind === "booting" || state.kind === "restarting"}
      >
        Restart kernel
      </button>
    </div>
  );
}
