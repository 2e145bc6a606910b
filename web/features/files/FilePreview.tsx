import { useQuery } from "@tanstack/react-query";
import type { KernelHost } from "../../kernel/host";
import type { FileEntry } from "../../kernel/protocol";
import { shownName } from "./fileNames";
import { loadPreview } from "./preview";
import { PreviewBody } from "./PreviewBody";

/** The inline "Preview of <name>" region under a file's row; Escape or "Close preview" closes it. */
export function FilePreview({
  id,
  kernel,
  file,
  onClose,
}: {
  id: string;
  kernel: KernelHost;
  file: FileEntry;
  onClose: () => void;
}) {
  // Keyed by size and time too, so a file a run rewrote is read again; outside ["kernel", "files"],
  // so refreshing the list does not re-read it.
  const preview = useQuery({
    queryKey: ["file-preview", file.name, file.size, file.modified],
    queryFn: () => loadPreview((name, maxBytes) => kernel.readFile(name, maxBytes), file),
    staleTime: Infinity,
    gcTime: 0,
  });
  const shown = shownName(file.name);
  return (
    <section
      id={id}
      className="file-preview"
      aria-label={`Preview of ${shown}`}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault(); // not a Stop
          onClose();
        }
      }}
    >
      {preview.isPending && <p className="hint">Reading…</p>}
      {preview.isError && <p role="alert">Could not read the file: {preview.error.message}</p>}
      {preview.data && <PreviewBody preview={preview.data} name={shown} />}
      <button type="button" className="secondary" onClick={onClose}>
        Close preview
      </button>
    </section>
  );
}
