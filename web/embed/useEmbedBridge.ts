import { useEffect, useRef } from "react";
import type { KernelHost } from "../kernel/host";
import { EmbedBridge, type EmbedActions } from "./bridge";
import type { Embedding } from "./framing";

export interface EmbedDeps extends Pick<EmbedActions, "addFiles" | "ask" | "run"> {
  kernel: KernelHost;
  /** A turn is running. */
  busy: boolean;
  /** A model is connected. */
  canAsk: boolean;
  /** The API key in use, never to be sent ("" when none). */
  apiKey: string;
}

/**
 * Runs the postMessage API while the app is framed by an allowed parent: `ready` once, `state`
 * on every change, and the parent's requests carried out with the app's current actions.
 */
export function useEmbedBridge(embedding: Embedding, deps: EmbedDeps): void {
  const latest = useRef(deps);
  const bridge = useRef<EmbedBridge | null>(null);
  const announced = useRef(false);
  useEffect(() => {
    latest.current = deps;
  });
  const parent = embedding.kind === "allowed" ? embedding.parent : null;
  useEffect(() => {
    if (!parent) return;
    const current = (bridge.current = new EmbedBridge(window, parent, {
      addFiles: (files) => latest.current.addFiles(files),
      ask: (question) => latest.current.ask(question),
      run: (code) => latest.current.run(code),
      state: () => {
        const { kernel, busy, canAsk } = latest.current;
        return { kernel: kernel.getState().kind, busy, canAsk };
      },
      secrets: () => [latest.current.apiKey],
    }));
    current.start({ announce: !announced.current });
    announced.current = true;
    return () => {
      current.stop();
      bridge.current = null;
    };
  }, [parent]);
  // The kernel's state is followed here, not read in render: it changes twice a run, and the shell
  // that holds this hook would redraw with it.
  const { kernel } = deps;
  useEffect(() => kernel.subscribe(() => bridge.current?.stateChanged()), [kernel]);
  useEffect(() => bridge.current?.stateChanged(), [deps.busy, deps.canAsk]);
}
