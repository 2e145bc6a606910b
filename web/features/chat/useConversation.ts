import { useCallback, useRef, useState } from "react";
import { createModelClient } from "../../agent/client";
import { gatherEnvironment } from "../../agent/environment";
import { downscalePng } from "../../agent/images";
import { DEFAULT_MAX_TOOL_CALLS, runTurn, type LoopDeps } from "../../agent/loop";
import { systemPrompt } from "../../agent/prompt";
import { summarizeCell } from "../../agent/tool-result";
import type { Turn } from "../../agent/record";
import type { CellStore } from "../../kernel/cell-store";
import type { KernelHost } from "../../kernel/host";
import type { ModelSettings } from "../../storage/settings";

/** The conversation's turns, and `send`/`stop`. One turn at a time. */
export function useConversation(kernel: KernelHost, cells: CellStore, settings: ModelSettings | null) {
  const [turns, setTurns] = useState<Turn[]>([]);
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const history = useRef<Turn[]>([]);

  const ask = useCallback(
    async (question: string, retried?: Turn["userCells"]) => {
      if (!settings || abort.current) return;
      const controller = (abort.current = new AbortController());
      setBusy(true);
      const endpoint = {
        ...settings.options,
        baseURL: settings.baseURL,
        apiKey: settings.apiKey,
        model: settings.model,
      };
      const deps: LoopDeps = {
        model: createModelClient(endpoint),
        runCell: (code, title, started) => cells.run(code, "agent", title, started),
        systemPrompt: async () => systemPrompt(await gatherEnvironment(kernel)),
        endpoint,
        downscale: downscalePng,
        options: {
          instructionsRole: settings.options.instructionsRole,
          vision: settings.options.vision,
          maxToolCalls: DEFAULT_MAX_TOOL_CALLS,
        },
      };
      const index = history.current.length;
      const show = (turn: Turn) => {
        history.current = [...history.current.slice(0, index), turn];
        setTurns(history.current);
      };
      // Cells the user ran since the last turn go to the model with the question.
      const since = history.current.at(-1)?.createdAt ?? 0;
      const userCells =
        retried ??
        cells
          .getCells()
          .filter((c) => c.origin === "user" && c.createdAt > since && c.status !== "running")
          .map((c) => ({ code: c.code, output: summarizeCell(c).output }));
      try {
        await runTurn(deps, history.current, question, show, controller.signal, userCells);
      } finally {
        abort.current = null;
        setBusy(false);
      }
    },
    [kernel, cells, settings],
  );

  const send = useCallback((question: string) => ask(question), [ask]);

  /** Asks the last question again, in place of its turn (the kernel keeps what that turn's cells did). */
  const retry = useCallback(() => {
    const last = history.current.at(-1);
    if (!last || abort.current) return;
    history.current = history.current.slice(0, -1);
    setTurns(history.current);
    void ask(last.question, last.userCells);
  }, [ask]);

  /** Stop cancels the model's stream and the running cell. */
  const stop = useCallback(() => {
    abort.current?.abort();
    kernel.stop();
  }, [kernel]);

  return { turns, busy, send, retry, stop };
}
