import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useReducer } from "react";
import type { KernelHost } from "../../kernel/host";
import { filesQueryKey } from "../../kernel/queries";
import { cellsReducer } from "./cells";

/** The scratchpad's cells, and `run` to add one. Files are re-listed after every run. */
export function useCells(kernel: KernelHost) {
  const [cells, dispatch] = useReducer(cellsReducer, []);
  const queryClient = useQueryClient();
  const run = useCallback(
    async (code: string) => {
      const id = crypto.randomUUID();
      dispatch({ type: "start", id, code });
      try {
        const result = await kernel.run(code, (event) => dispatch({ type: "event", id, event }));
        dispatch({ type: "finish", id, result });
      } catch (error) {
        dispatch({ type: "fail", id, message: (error as Error).message });
      }
      void queryClient.invalidateQueries({ queryKey: filesQueryKey });
    },
    [kernel, queryClient],
  );
  return { cells, run };
}
