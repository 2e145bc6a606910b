/**
 * Registers the service worker (./sw.ts, built to sw.js beside index.html) a few seconds after the
 * first kernel has settled, so installing it never competes with Python's first boot for the
 * network, nor with the first cell for the CPU (measured: ~150 ms less CPU by the first result).
 *
 * The page's CSP allows workers from its own origin only (`worker-src 'self'`) and requires
 * Trusted Types, so the worker's URL goes through a policy that lets exactly that one URL pass.
 */
import type { KernelHost } from "../kernel/host";
import { fetchLockFile } from "../kernel/packages";
import { settled } from "../kernel/settled";
import { messageOf } from "../lib/message-of";

interface ScriptURLPolicy {
  createScriptURL(url: string): unknown;
}
type TrustedTypes = { createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptURLPolicy };

export function registerServiceWorker(kernel: Pick<KernelHost, "getState" | "subscribe" | "settings">): void {
  if (import.meta.env.DEV || !("serviceWorker" in navigator)) return;
  void settled(kernel)
    .then(() => new Promise((resolve) => setTimeout(resolve, INSTALL_DELAY_MS)))
    .then(() => register(kernel));
}

/** How long after the first kernel settles the worker is installed. */
const INSTALL_DELAY_MS = 3000;

async function register(kernel: Pick<KernelHost, "settings">): Promise<void> {
  const url = new URL("sw.js", document.baseURI).href;
  const tt = (window as { trustedTypes?: TrustedTypes }).trustedTypes;
  const policy = tt?.createPolicy("service-worker", {
    createScriptURL: (value) => {
      if (value !== url) throw new TypeError(`${value} is not the app's service worker`);
      return value;
    },
  });
  const container = navigator.serviceWorker;
  // On the first install the page read its package source's lock file before the worker took
  // control: read it once more through the worker, so the next visit has it offline too.
  const relock = () => void kernel.settings.then((s) => fetchLockFile(s.packageSource)).catch(() => {});
  if (!container.controller) container.addEventListener("controllerchange", relock, { once: true });
  try {
    await container.register((policy?.createScriptURL(url) ?? url) as string);
  } catch (error) {
    // Not fatal: the app works online without it (private windows may refuse service workers).
    console.warn(`Offline use is unavailable: ${messageOf(error)}`);
  }
}
