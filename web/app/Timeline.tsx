import { useCallback, useSyncExternalStore } from "react";
import type { TurnStore } from "../agent/turn-store";
import { CellView } from "../components/cell/CellView";
import { ErrorBoundary } from "../components/ui/ErrorBoundary";
import { TurnView } from "../features/chat/TurnView";
import { FileChip } from "../features/files/FileLink";
import type { CellStore } from "../kernel/cell-store";
import type { KernelHost } from "../kernel/host";
import { useCells } from "../kernel/useCells";

interface TimelineProps {
  kernel: KernelHost;
  turns: TurnStore;
  cells: CellStore;
  /** A turn is running: no retry or resend until it ends. */
  busy: boolean;
  onRetry: () => void;
  onResend: (turnId: string, question: string) => void;
}

/** The session in order: conversation turns (with the model's cells inside) and the user's own cells. */
export function Timeline({ kernel, turns: store, cells, busy, onRetry, onResend }: TimelineProps) {
  // Read here, not in the shell: a turn changes a few times per agent step, and only this redraws.
  const turns = useSyncExternalStore(store.subscribe, store.getTurns);
  const userCells = useCells(cells).filter((c) => c.origin === "user");
  // Stable, so that a cell that did not change is not drawn again (CellView is memoised).
  const rerun = useCallback((id: string, code: string) => void cells.rerun(id, code), [cells]);
  const fileLink = useCallback((name: string) => <FileChip kernel={kernel} name={name} />, [kernel]);
  const items = [
    ...turns.map((turn, i) => ({
      at: turn.createdAt,
      key: turn.id,
      what: "This turn",
      node: (
        <TurnView
          turn={turn}
          cells={cells}
          onRerun={rerun}
          fileLink={fileLink}
          onRetry={!busy && i === turns.length - 1 ? onRetry : undefined}
          onResend={busy ? undefined : onResend}
        />
      ),
    })),
    ...userCells.map((cell) => ({
      at: cell.createdAt,
      key: cell.id,
      what: "This cell",
      node: <CellView cell={cell} onRerun={rerun} fileLink={fileLink} />,
    })),
  ].sort((a, b) => a.at - b.at);
  return (
    <ol className="timeline">
      {items.map((item) => (
        <li key={item.key}>
          <ErrorBoundary what={item.what}>{item.node}</ErrorBoundary>
        </li>
      ))}
    </ol>
  );
}
