import type { KernelHost } from "./host";

/**
 * Resolves once the kernel is not booting or restarting: ready, running or failed. For the first
 * kernel, the moment the page's background work (the service worker, modules for later) may
 * start without taking CPU from Python's boot; before a turn, when the kernel swapped in for a
 * conversation just opened can be asked about its files.
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
