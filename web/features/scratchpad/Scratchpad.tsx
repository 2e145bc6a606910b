import { useEffect } from "react";
import type { KernelHost } from "../../kernel/host";
import { useKernelState } from "../../kernel/useKernelState";
import { CodeBox } from "./CodeBox";
import { OutputView } from "./OutputView";
import { useCells } from "./useCells";

/** Run Python over the uploaded files, no model needed. */
export function Scratchpad({ kernel }: { kernel: KernelHost }) {
  const { cells, run } = useCells(kernel);
  const busy = useKernelState(kernel).kind === "running";
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") kernel.stop();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [kernel]);
  return (
    <section className="scratchpad" aria-label="Scratchpad">
      <ol className="cells">
        {cells.map((cell) => (
          <li key={cell.id} className="cell" data-status={cell.status}>
            <pre className="cell-code">{cell.code}</pre>
            {cell.outputs.length > 0 && (
              <div className="cell-outputs" role="log" aria-label="Output">
                {cell.outputs.map((output, i) => (
                  <OutputView key={i} output={output} />
                ))}
              </div>
            )}
          </li>
        ))}
      </ol>
      <CodeBox onRun={run} onStop={() => kernel.stop()} busy={busy} />
    </section>
  );
}
