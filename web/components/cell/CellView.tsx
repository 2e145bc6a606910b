import type { Cell } from "../../kernel/cells";
import { OutputView } from "./OutputView";

/** One cell: its code and what it produced. */
export function CellView({ cell }: { cell: Cell }) {
  return (
    <div className="cell" data-status={cell.status} data-cell-id={cell.id} id={`cell-${cell.id}`}>
      {cell.title && <p className="cell-title">{cell.title}</p>}
      <pre className="cell-code">{cell.code}</pre>
      {cell.outputs.length > 0 && (
        <div className="cell-outputs" role="log" aria-label="Output">
          {cell.outputs.map((output, i) => (
            <OutputView key={i} output={output} />
          ))}
        </div>
      )}
    </div>
  );
}
