/**
 * The service worker (Workbox; vite-plugin-pwa builds it and injects the precache list). After
 * one visit the app starts and runs Python with the network off:
 * - the app shell (index.html, scripts, styles, kernel.html, the kernel bundle, the bundled lock
 *   file, manifest, icons) is precached. Workbox stores each response with its headers, so a page
 *   served from the cache keeps its CSP, COOP/COEP and CORP. The two pages are network-first:
 *   online, the host's current headers (a tightened CSP, a revoked frame-ancestors) apply at once;
 *   offline, the precached copy, which matches this worker's precached scripts;
 * - Pyodide's core: cache-first, in the cache the app page itself fills (kernel/assets.ts), so
 *   13 MB are stored once; installing only fetches what that cache lacks;
 * - config.json: network-first, never a stale-forever copy; fetched on install, so the first
 *   offline visit has the site's settings;
 * - lock files of package sources (any origin): network-first; wheels (any origin): cache-first,
 *   kept only when their sha256 is the one a lock file gives (the app checks it again on use).
 * Everything else (the model endpoint above all) is left to the network, untouched.
 *
 * Updates never switch an open session: no skipWaiting, so a new worker waits until every tab of
 * the old version is closed and takes over on the next visit. clientsClaim only matters for the
 * first install, when no worker controls the page: from then on this visit's packages are cached.
 */
import { version as pyodideVersion } from "pyodide/package.json";
import { CacheableResponsePlugin } from "workbox-cacheable-response";
import { clientsClaim, type RouteMatchCallbackOptions, type WorkboxPlugin } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import {
  addRoute,
  cleanupOutdatedCaches,
  matchPrecache,
  precache,
  PrecacheFallbackPlugin,
  type PrecacheEntry,
} from "workbox-precaching";
import { warmStrategyCache } from "workbox-recipes";
import { registerRoute } from "workbox-routing";
import { CacheFirst, NetworkFirst, NetworkOnly } from "workbox-strategies";
import { CORE_FILES } from "../kernel/core-files";
import { fileNameOf, lockedSha256, sha256Hex } from "./wheel-integrity";

declare const self: typeof globalThis & { __WB_MANIFEST: (string | PrecacheEntry)[] };

/** URLs next to index.html (this worker sits beside it, at the root or under a sub-path). */
const here = (path: string) => new URL(path, self.location.href).href;
const BUNDLED_LOCK = "pyodide/pyodide-lock.json";

precache(self.__WB_MANIFEST);
cleanupOutdatedCaches();
clientsClaim();

/** A page: from the network when it answers in time, else its precached copy. */
const page = (fallbackURL: string) =>
  new NetworkOnly({ networkTimeoutSeconds: 4, plugins: [new PrecacheFallbackPlugin({ fallbackURL })] });
const navigationTo = (...paths: string[]) => {
  const pathnames = paths.map((path) => new URL(here(path)).pathname);
  return ({ request, url }: RouteMatchCallbackOptions) =>
    request.mode === "navigate" && pathnames.includes(url.pathname);
};
registerRoute(navigationTo("kernel.html"), page("kernel.html"));
registerRoute(navigationTo("./", "index.html"), page("index.html"));
// Everything else precached: from the cache. Query strings (`?embed`) never change a static file.
addRoute({ ignoreURLParametersMatching: [/.*/] });

// Same name as kernel/assets.ts's cache: the page and this worker share one copy of the core.
const core = new CacheFirst({ cacheName: `pyodide-${pyodideVersion}` });
const coreURLs = CORE_FILES.map((name) => here(`pyodide/${name}`));
registerRoute(({ url }) => coreURLs.includes(url.href.split("?")[0]), core);
warmStrategyCache({ urls: coreURLs, strategy: core });

// config.json may be missing (404 means defaults): that answer is kept too.
const config = new NetworkFirst({
  cacheName: "site-config",
  networkTimeoutSeconds: 4,
  plugins: [new CacheableResponsePlugin({ statuses: [200, 404] })],
});
registerRoute(({ url }) => url.href.split("?")[0] === here("config.json"), config);
warmStrategyCache({ urls: [here("config.json")], strategy: config });

const locks = new NetworkFirst({
  cacheName: "package-locks",
  networkTimeoutSeconds: 4,
  plugins: [new CacheableResponsePlugin({ statuses: [200] })],
});
registerRoute(({ url }) => url.pathname.endsWith("/pyodide-lock.json"), locks);

/**
 * Keeps a wheel only when a lock file gives its sha256: the bundled one (the default source's),
 * else its own source's, from the cache or, failing that, the network.
 */
const lockedWheels: WorkboxPlugin = {
  cacheWillUpdate: async ({ request, response, event }) => {
    const [name, actual] = [fileNameOf(request.url), await sha256Hex(await response.clone().arrayBuffer())];
    const sourceLock = new URL("pyodide-lock.json", request.url).href;
    const candidates = [
      () => matchPrecache(BUNDLED_LOCK),
      () => caches.match(sourceLock),
      () => locks.handle({ event, request: sourceLock }),
    ];
    for (const lock of candidates) {
      const text = await lock().then(
        (r) => r?.text(),
        () => undefined,
      );
      if (text && lockedSha256(text, name) === actual) return response;
    }
    return null;
  },
};

// Pyodide packages are .whl files, and .zip for shared libraries (the core's own .zip is routed above).
registerRoute(
  ({ url }) => /\.(whl|zip)$/.test(url.pathname),
  new CacheFirst({
    cacheName: "package-wheels",
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      lockedWheels,
      new ExpirationPlugin({ maxEntries: 300, purgeOnQuotaError: true }),
    ],
  }),
);
