import type { CellStore } from "../../kernel/cell-store";
import type { KernelHost } from "../../kernel/host";
import { useKernelStateOf } from "../../kernel/useKernelState";
import { CodeBox } from "./CodeBox";

/** The "Python code" box: run Python over the uploaded files, with or without a model. */
export function Scratchpad({ kernel, cells, canStop }: { kernel: KernelHost; cells: CellStore; canStop: boolean }) {
  const busy = useKernelStateOf(kernel, (state) => canStop && state.kind === "running");
  return (
    <section className="scratchpad" aria-label="Scratchpad">
      <CodeBox onRun={(code) => void cells.run(code, "user")} onStop={() => kernel.stop()} busy={busy} />
    </section>
  );
}
