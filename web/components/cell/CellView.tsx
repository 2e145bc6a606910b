import { memo, useRef, useState, type ReactNode } from "react";
import type { Cell } from "../../kernel/cells";
import "./cell.css";
import { CellCode } from "./CellCode";
import { CellEditor } from "./CellEditor";
import { CellFiles } from "./CellFiles";
import { OutputView } from "./OutputView";

export interface CellViewProps {
  cell: Cell;
  /** Runs the cell again in place with (maybe edited) code; without it the code is read-only. */
  onRerun?: (cellId: string, code: string) => void;
  /** A download link for a file the cell wrote; without it the name is shown as text. */
  fileLink?: (name: string) => ReactNode;
}

/** The model's longer code starts collapsed: its outputs and the answer matter more. */
const COLLAPSE_LINES = 12;

type Mode = "view" | "edit" | "cancelled";

/**
 * One cell: its code (highlighted, copyable, editable), what it produced, and the files it wrote.
 * Cells are immutable and the callbacks stable, so a cell renders again only when it changed,
 * not on every change to the conversation (an agent step would redraw all of it).
 */
export const CellView = memo(function CellView({ cell, onRerun, fileLink }: CellViewProps) {
  const [open, setOpen] = useState(() => cell.origin !== "agent" || cell.code.split("\n").length <= COLLAPSE_LINES);
  const [mode, setMode] = useState<Mode>("view");
  const root = useRef<HTMLDivElement>(null);
  const editable = onRerun !== undefined && cell.status !== "running";
  return (
    // Focusable from script only: where focus goes once its editor closes on a run (not to <body>).
    <div
      className="cell"
      data-status={cell.status}
      data-cell-id={cell.id}
      id={`cell-${cell.id}`}
      ref={root}
      tabIndex={-1}
    >
      {cell.title && <p className="cell-title">{cell.title}</p>}
      {mode === "edit" && editable ? (
        <CellEditor
          code={cell.code}
          onRun={(code) => {
            setMode("view");
            setOpen(true);
            onRerun(cell.id, code);
            root.current?.focus();
          }}
          onCancel={() => setMode("cancelled")}
        />
      ) : (
        <CellCode
          code={cell.code}
          open={open}
          onToggle={() => setOpen(!open)}
          onEdit={editable ? () => setMode("edit") : undefined}
          focusEdit={mode === "cancelled"}
          onRun={editable && cell.status === "idle" ? () => onRerun(cell.id, cell.code) : undefined}
        />
      )}
      {cell.outputs.length > 0 && (
        <div className="cell-outputs" role="log" aria-label="Output">
          {cell.outputs.map((output, i) => (
            <OutputView key={i} output={output} />
          ))}
        </div>
      )}
      <CellFiles names={cell.changedFiles} fileLink={fileLink} />
    </div>
  );
});
