import type { KernelHost } from "./host";

/**
 * Resolves once the first kernel is ready or has failed (whichever comes first): the moment the
 * page's background work (the service worker, modules for later) may start without taking CPU
 * from Python's boot.
 */
export function settled(kernel: Pick<KernelHost, "getState" | "subscribe">): Promise<void> {
  const done = () => !["booting", "restarting"].includes(kernel.getState().kind);
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = kernel.subscribe(() => {
      if (!done()) return;
      stop();
      resolve();
    });
  });
}
