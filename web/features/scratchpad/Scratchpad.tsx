import type { KernelHost } from "../../kernel/host";
import { CodeBox } from "./CodeBox";
import { OutputView } from "./OutputView";
import { useCells } from "./useCells";

/** Run Python over the uploaded files, no model needed. */
export function Scratchpad({ kernel }: { kernel: KernelHost }) {
  const { cells, run } = useCells(kernel);
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
      <CodeBox onRun={run} />
    </section>
  );
}
