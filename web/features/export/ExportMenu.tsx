import { useEffect, useEffectEvent, useId, useRef, useState, type ChangeEvent } from "react";
import { saveBlob } from "./download";
import { exportFile, type ExportKind } from "./exports";
import { fromNotebook, MAX_NOTEBOOK_BYTES, tooLarge } from "./import";
import type { ExportSource } from "./source";
import "./ExportMenu.css";

export interface ExportMenuProps {
  /** The conversation as it is now; called when the menu opens and again for each export. */
  source: () => Promise<ExportSource>;
  /** The code cells of an imported notebook, in order (never empty). */
  onImport: (codes: string[]) => void;
  disabled?: boolean;
  /** The kernel's Python version (when known), recorded in the notebook's `language_info`. */
  pythonVersion?: () => string | undefined;
}

const ACTIONS: { kind: ExportKind; label: string }[] = [
  { kind: "notebook", label: "Export notebook (.ipynb)" },
  { kind: "markdown", label: "Export Markdown" },
  { kind: "zip", label: "Download files (.zip)" },
];

/**
 * "Export": a disclosure with the exports and "Import notebook". Opening it reads the source once
 * to know whether there are files to zip; each export reads it again, so it has what the session
 * holds at that moment. Escape or a click elsewhere closes it.
 */
export function ExportMenu({ source, onImport, disabled = false, pythonVersion }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const [hasFiles, setHasFiles] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = () => {
    setOpen(false);
    setHasFiles(false);
    setError(null);
  };

  // An effect event: the parent may pass a new `source` on every render, which must not re-read it.
  const readFiles = useEffectEvent(() => source().then((s) => s.files.length > 0));
  useEffect(() => {
    if (!open) return;
    let current = true;
    readFiles().then(
      (files) => current && setHasFiles(files),
      (e: unknown) => current && setError(`Export is unavailable: ${messageOf(e)}`),
    );
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) close();
    };
    document.addEventListener("pointerdown", outside);
    return () => {
      current = false;
      document.removeEventListener("pointerdown", outside);
    };
  }, [open]);

  const run = async (task: () => Promise<void>, failure: string) => {
    setBusy(true);
    setError(null);
    try {
      await task();
      close();
    } catch (e) {
      setError(`${failure}${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const exportAs = (kind: ExportKind) =>
    run(async () => {
      const file = await exportFile(kind, await source(), { pythonVersion: pythonVersion?.() });
      saveBlob(file, file.name);
    }, "Export failed: ");

  const importNotebook = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so choosing the same file again is a change too.
    event.target.value = "";
    if (!file) return;
    void run(async () => {
      // Checked before reading: a huge file would be read into memory only to be refused.
      if (file.size > MAX_NOTEBOOK_BYTES) throw new Error(tooLarge(file.size));
      const codes = fromNotebook(await file.text());
      if (!codes.length) throw new Error("This notebook has no code cells to import.");
      onImport(codes);
    }, "");
  };

  return (
    <div
      className="export-menu"
      ref={root}
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !open) return;
        event.preventDefault(); // not a Stop
        close();
        toggle.current?.focus();
      }}
    >
      <button
        type="button"
        className="secondary"
        ref={toggle}
        aria-expanded={open}
        aria-controls={panelId}
        disabled={disabled}
        onClick={() => (open ? close() : setOpen(true))}
      >
        Export
      </button>
      {open && (
        <div className="export-panel" id={panelId} role="group" aria-label="Export and import">
          {ACTIONS.map(({ kind, label }) => (
            <button
              key={kind}
              type="button"
              className="secondary"
              disabled={busy || (kind === "zip" && !hasFiles)}
              onClick={() => void exportAs(kind)}
            >
              {label}
            </button>
          ))}
          <label className="export-import">
            Import notebook
            <input type="file" accept=".ipynb,application/x-ipynb+json" disabled={busy} onChange={importNotebook} />
          </label>
          {error && (
            <p role="alert" className="export-error">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
