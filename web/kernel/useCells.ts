import { useSyncExternalStore } from "react";
import type { Cell } from "./cells";
import type { CellStore } from "./cell-store";

export function useCells(store: CellStore): Cell[] {
  return useSyncExternalStore(store.subscribe, store.getCells);
}

/** One cell, by id: its reader redraws when that cell changes, not when any other does. */
export function useCell(store: CellStore, id: string | undefined): Cell | undefined {
  return useSyncExternalStore(store.subscribe, () => (id ? store.get(id) : undefined));
}
