import { loadConfig } from "./app/config";
import { isCompact, pageEmbedding } from "./embed/framing";
import { TurnStore } from "./agent/turn-store";
import { CellStore } from "./kernel/cell-store";
import { KernelHost } from "./kernel/host";
import { registerServiceWorker } from "./offline/register";
import { ConversationDB } from "./storage/db";
import { SettingsStore } from "./storage/settings";
import { Workspace } from "./storage/workspace";

// In another site's frame (or with ?embed): the compact layout, set before anything renders.
if (isCompact(window)) document.documentElement.dataset.embedded = "";

// Boot the kernel as the page opens, before anyone asks for a run; config.json arrives in parallel.
const config = loadConfig();
const kernel = new KernelHost(config);
// The user's settings over the site's; their kernel part applies before the first kernel boots, and on each save.
const settings = new SettingsStore();
kernel.configure(settings.kernelSettings());
settings.onKernelSettings((user) => kernel.configure(user));
void config.then((site) => settings.setSite(site));
// Framed by a site config.json does not list, nothing starts: no kernel, no service worker, no
// conversation opened (the app shows only its refusal). At the top, this is decided at once.
const early = pageEmbedding(undefined);
const mayAct =
  early.kind === "pending"
    ? config.then((site) => pageEmbedding(site.embedOrigins).kind !== "refused")
    : Promise.resolve(early.kind !== "refused");
void mayAct.then((ok) => {
  if (!ok) return;
  kernel.start();
  // Offline use (issue 7): the service worker installs once this first kernel has settled.
  registerServiceWorker(kernel);
});
// `npm run bench` builds with --mode bench to time the kernel API directly; gone from real builds.
if (import.meta.env.MODE === "bench") Object.assign(window, { __kernel: kernel });

const cells = new CellStore(kernel);
const turns = new TurnStore();
// The last conversation opens as the kernel boots; its files go into that kernel.
const workspace = new Workspace(kernel, cells, turns);
const opened = mayAct.then((ok) => (ok ? workspace.open(ConversationDB.open()) : undefined));
addEventListener("beforeunload", () => turns.holdWhileLeaving());
addEventListener("pagehide", () => workspace.journal());
addEventListener("visibilitychange", () => document.visibilityState === "hidden" && workspace.journal());

// The UI (React and all it renders) loads alongside, so parsing it never delays the kernel's boot.
void import("./app/render").then(({ render }) => render({ kernel, cells, turns, workspace, opened, settings, config }));
