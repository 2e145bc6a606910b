import { useSyncExternalStore } from "react";
import type { Cell } from "./cells";
import type { CellStore } from "./cell-store";

export function useCells(store: CellStore): Cell[] {
  return useSyncExternalStore(store.subscribe, store.getCells);
}
