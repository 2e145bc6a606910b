import type { Turn } from "../agent/record";
import { CellView } from "../components/cell/CellView";
import { TurnView } from "../features/chat/TurnView";
import type { CellStore } from "../kernel/cell-store";
import { useCells } from "../kernel/useCells";

/** The session in order: conversation turns (with the model's cells inside) and the user's own cells. */
export function Timeline({ turns, cells, onRetry }: { turns: Turn[]; cells: CellStore; onRetry?: () => void }) {
  const userCells = useCells(cells).filter((c) => c.origin === "user");
  const items = [
    ...turns.map((turn, i) => ({
      at: turn.createdAt,
      key: turn.id,
      node: <TurnView turn={turn} cells={cells} onRetry={i === turns.length - 1 ? onRetry : undefined} />,
    })),
    ...userCells.map((cell) => ({ at: cell.createdAt, key: cell.id, node: <CellView cell={cell} /> })),
  ].sort((a, b) => a.at - b.at);
  return (
    <ol className="timeline">
      {items.map((item) => (
        <li key={item.key}>{item.node}</li>
      ))}
    </ol>
  );
}
