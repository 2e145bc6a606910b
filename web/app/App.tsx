import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { TurnStore } from "../agent/turn-store";
import { Composer } from "../features/chat/Composer";
import { useConversation } from "../features/chat/useConversation";
import { ExportMenu } from "../features/export/ExportMenu";
import { DropZone } from "../features/files/DropZone";
import { FilesPanel } from "../features/files/FilesPanel";
import { useUploader } from "../features/files/UploadProvider";
import { EmbedRefused } from "../features/embed/EmbedRefused";
import { ConversationList } from "../features/history/ConversationList";
import { StorageNotices } from "../features/history/StorageNotices";
import { KernelStatus } from "../features/kernel-status/KernelStatus";
import { Scratchpad } from "../features/scratchpad/Scratchpad";
import { FirstRun } from "../features/settings/FirstRun";
import { SettingsDialog } from "../features/settings/SettingsDialog";
import type { CellStore } from "../kernel/cell-store";
import type { KernelHost } from "../kernel/host";
import type { KernelState } from "../kernel/state";
import { OfflineIndicator } from "../offline/OfflineIndicator";
import { pageEmbedding } from "../embed/framing";
import { useEmbedBridge } from "../embed/useEmbedBridge";
import { isConnected, type SettingsStore } from "../storage/settings";
import { useSettings } from "../storage/useSettings";
import type { Workspace } from "../storage/workspace";
import type { AppConfig } from "./config";
import { Timeline } from "./Timeline";

export interface AppProps {
  kernel: KernelHost;
  cells: CellStore;
  turns: TurnStore;
  workspace: Workspace;
  /** Resolves once the last conversation is open. */
  opened: Promise<void>;
  settings: SettingsStore;
  config: Promise<AppConfig>;
}

export function App({ kernel, cells, turns, workspace, settings, config }: AppProps) {
  const { upload, uploadAsync } = useUploader();
  const { data } = useQuery({ queryKey: ["config"], queryFn: () => config });
  const modelSettings = useSettings(settings);
  const connected = isConnected(modelSettings);
  const conversation = useConversation({ kernel, cells, turns, workspace }, connected ? modelSettings : null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  // Esc stops what is running: the model's turn (its stream and its cell) or a cell run by hand.
  // Widgets that use Esc themselves (an editor's Cancel, a menu) mark the event as handled.
  const { busy, stop } = conversation;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      if (event.target instanceof Element && event.target.closest("dialog")) return; // closes the dialog
      if (busy) stop();
      else kernel.stop();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [busy, stop, kernel]);
  const [historyOpen, setHistoryOpen] = useState(false);
  // Framed by another site: the postMessage API if it is allowed, else a refusal and nothing more.
  const embedding = pageEmbedding(data?.embedOrigins);
  useEmbedBridge(embedding, {
    kernel,
    busy,
    canAsk: connected,
    apiKey: modelSettings?.apiKey ?? "",
    ask: conversation.sendForParent,
    addFiles: uploadAsync,
    run: (code) => cells.run(code, "user"),
  });
  if (embedding.kind === "pending") return null;
  if (embedding.kind === "refused") return <EmbedRefused origin={embedding.origin} />;
  return (
    <DropZone onDrop={upload}>
      <header className="app-header">
        <button
          type="button"
          className="secondary history-toggle"
          aria-expanded={historyOpen}
          aria-controls="history"
          onClick={() => setHistoryOpen(!historyOpen)}
        >
          Conversations
        </button>
        <h1>Code Interpreter</h1>
        <KernelStatus kernel={kernel} workspace={workspace} />
        <OfflineIndicator />
        <ExportMenu
          source={async () => workspace.snapshot()}
          onImport={(codes) => cells.add(codes)}
          pythonVersion={() => pythonVersionOf(kernel.getState())}
        />
        <button type="button" className="secondary" onClick={() => setSettingsOpen(true)}>
          Settings
        </button>
      </header>
      {data?.problems.map((problem) => (
        <p key={problem} role="alert" className="config-problem">
          {problem}
        </p>
      ))}
      <main className="layout">
        <aside id="history" className="history-panel" data-open={historyOpen || undefined}>
          <ConversationList workspace={workspace} />
        </aside>
        <div className="session">
          <StorageNotices workspace={workspace} />
          {!connected && <FirstRun onOpenSettings={() => setSettingsOpen(true)} />}
          <Timeline
            kernel={kernel}
            turns={turns}
            cells={cells}
            busy={conversation.busy}
            onRetry={conversation.retry}
            onResend={conversation.resend}
          />
          <Composer
            onSend={(text) => void conversation.send(text)}
            onStop={conversation.stop}
            busy={conversation.busy}
            disabled={!connected}
          />
          {/* One Stop at a time: the composer's while a turn runs, else the code box's. */}
          <Scratchpad kernel={kernel} cells={cells} canStop={!conversation.busy} />
        </div>
        <FilesPanel kernel={kernel} />
      </main>
      {settingsOpen && <SettingsDialog store={settings} onClose={() => setSettingsOpen(false)} />}
    </DropZone>
  );
}

/** The running kernel's Python version, once it has booted. */
const pythonVersionOf = (state: KernelState) => ("info" in state ? state.info.pythonVersion : undefined);
