import { useCallback, useEffect, useRef, useState } from "react";
import { createModelClient } from "../../agent/client";
import { gatherEnvironment } from "../../agent/environment";
import { downscalePng } from "../../agent/images";
import { DEFAULT_MAX_TOOL_CALLS, runTurn, type LoopDeps } from "../../agent/loop";
import { systemPrompt } from "../../agent/prompt";
import { summarizeCell } from "../../agent/tool-result";
import type { Turn } from "../../agent/record";
import type { TurnStore } from "../../agent/turn-store";
import type { CellStore } from "../../kernel/cell-store";
import type { KernelHost } from "../../kernel/host";
import { settled } from "../../kernel/settled";
import type { ModelSettings } from "../../storage/settings";
import type { Workspace } from "../../storage/workspace";

interface Deps {
  kernel: KernelHost;
  cells: CellStore;
  turns: TurnStore;
  workspace: Workspace;
}

/** Asks about the open conversation: `send`/`retry`/`resend`/`stop`, one turn at a time (the turns are in `turns`). */
export function useConversation({ kernel, cells, turns, workspace }: Deps, settings: ModelSettings | null) {
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const running = useRef<Promise<void>>(Promise.resolve());

  const ask = useCallback(
    async (
      question: string,
      history: Turn[],
      carried: NonNullable<Turn["userCells"]> = [],
      askedBy?: Turn["askedBy"],
    ): Promise<Turn | null> => {
      if (!settings || abort.current) return null;
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
        // A kernel being swapped in (a conversation just opened, a restart) is asked once it is in.
        systemPrompt: async () => {
          await settled(kernel);
          return systemPrompt(await gatherEnvironment(kernel, context));
        },
        endpoint,
        downscale: downscalePng,
        options: {
          instructionsRole: settings.options.instructionsRole,
          vision: settings.options.vision,
          maxToolCalls: DEFAULT_MAX_TOOL_CALLS,
        },
      };
      // Cells the user ran (or re-ran) since the last turn go to the model with the question, after
      // those of the turns this one replaces (Retry, Edit message), which the model sees no more.
      const since = turns.getTurns().at(-1)?.createdAt ?? 0;
      const userCells = askedBy
        ? []
        : [
            ...carried,
            ...cells
              .getCells()
              .filter((c) => c.ranBy === "user" && c.ranAt > since && c.status !== "running" && c.status !== "idle")
              .map((c) => ({ code: c.code, output: summarizeCell(c).output })),
          ];
      turns.set(history);
      const show = (turn: Turn) => turns.set([...history, askedBy ? { ...turn, askedBy } : turn]);
      // The embedding page's question goes to the model with that page's own turns only.
      const context = askedBy ? history.filter((t) => t.askedBy === askedBy) : history;
      const turn = runTurn(deps, context, question, show, controller.signal, userCells);
      running.current = turn.then(
        () => {},
        () => {},
      );
      try {
        return await turn;
      } finally {
        abort.current = null;
        setBusy(false);
      }
    },
    [kernel, cells, turns, settings],
  );

  /** Resolves with the finished turn, or null when none started (no model, or a turn already running). */
  const send = useCallback((question: string) => ask(question, turns.getTurns()), [ask, turns]);

  /** The embedding page's question (issue 7): its model sees none of the user's turns or cells. */
  const sendForParent = useCallback(
    (question: string) => ask(question, turns.getTurns(), undefined, "parent"),
    [ask, turns],
  );

  /** Asks the last question again, in place of its turn (the kernel keeps what that turn's cells did). */
  const retry = useCallback(() => {
    const history = turns.getTurns();
    const last = history.at(-1);
    if (last) void ask(last.question, history.slice(0, -1), last.userCells ?? [], last.askedBy);
  }, [ask, turns]);

  /** Sends an edited question in place of an earlier one; the turns after it are dropped. */
  const resend = useCallback(
    (turnId: string, question: string) => {
      const history = turns.getTurns();
      const index = history.findIndex((t) => t.id === turnId);
      if (index < 0) return;
      const replaced = history.slice(index).filter((t) => !t.askedBy);
      void ask(
        question,
        history.slice(0, index),
        replaced.flatMap((t) => t.userCells ?? []),
        history[index].askedBy,
      );
    },
    [ask, turns],
  );

  /** Stop cancels the model's stream and the running cell. */
  const stop = useCallback(() => {
    abort.current?.abort();
    kernel.stop();
  }, [kernel]);

  // Switching conversations stops the running turn and waits for it to end (so it saves where it belongs).
  useEffect(() => {
    workspace.onBeforeSwitch(async () => {
      if (!abort.current) return;
      stop();
      await running.current;
    });
  }, [workspace, stop]);

  return { busy, send, sendForParent, retry, resend, stop };
}
