import { useEffect, useState } from "react";

/**
 * Modules the UI loads on first use or once the first kernel has booted (`loadLazyModules()`),
 * whichever comes first, rather than with the page: evaluating them takes CPU from Python's boot,
 * which has none to spare on two cores (issue 8). Until one has loaded, `useModule()` gives null
 * and the caller shows its text plain. A module made with `waitForBoot` is not loaded on first use
 * before then either: the colours of a cell queued during the boot can come later. Loading
 * Markdown and highlighting with the page, and highlighting that cell, cost a first visit ~0.1 s
 * (interleaved A/B, 20 visits each).
 */
const modules: (() => void)[] = [];
let allowed = false;

/** Loads every lazy module now (called once the first kernel has settled). */
export function loadLazyModules(): void {
  allowed = true;
  for (const load of modules) load();
}

export function lazyModule<T extends object>(importer: () => Promise<T>, { waitForBoot = false } = {}) {
  let loaded: T | null = null;
  let loading: Promise<T> | null = null;
  const waiting = new Set<(module: T) => void>();
  const load = () =>
    void (loading ??= importer().then(
      (module) => {
        loaded = module;
        for (const give of waiting) give(module);
        return module;
      },
      (error: unknown) => {
        loading = null; // tried again on the next use (offline before the service worker kept it, say)
        throw error;
      },
    )).catch(() => {});
  modules.push(load);

  function useModule(): T | null {
    const [module, setModule] = useState(loaded);
    useEffect(() => {
      if (module) return;
      if (loaded) return setModule(loaded);
      waiting.add(setModule);
      if (allowed || !waitForBoot) load();
      return () => void waiting.delete(setModule);
    }, [module]);
    return module;
  }

  return { useModule };
}
