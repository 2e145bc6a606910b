import { useState } from "react";
import type { KernelHost } from "../../kernel/host";
import { safeFileName, shownName } from "./fileNames";
import { messageOf } from "../../lib/message-of";

/**
 * Saves a file in /mnt/data to the user's downloads. The bytes are read on click and saved as an
 * octet-stream under a safe name: a generated file is never opened as a page in the app's origin.
 */
function useDownload(kernel: KernelHost, name: string) {
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    try {
      setError(null);
      const data = await kernel.readFile(name);
      const url = URL.createObjectURL(new Blob([data], { type: "application/octet-stream" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = safeFileName(name.split("/").pop() ?? name);
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const alert = error && <span role="alert"> Could not download: {error}</span>;
  return { download, alert };
}

/** The files panel's "Download <name>" link. */
export function FileLink({ kernel, name }: { kernel: KernelHost; name: string }) {
  const { download, alert } = useDownload(kernel, name);
  return (
    <>
      <a
        className="file-name"
        href="#"
        onClick={(event) => {
          event.preventDefault();
          void download();
        }}
      >
        <span className="visually-hidden">Download </span>
        {/* Its own element: getByText finds a file by its name, exact or not. */}
        <span>{shownName(name)}</span>
      </a>
      {alert}
    </>
  );
}

/**
 * A file a cell wrote, as a chip under the cell: a button named by the file (the panel's link is
 * the one named "Download <name>", so there is one of those per file on the page).
 */
export function FileChip({ kernel, name }: { kernel: KernelHost; name: string }) {
  const { download, alert } = useDownload(kernel, name);
  return (
    <>
      <button type="button" className="link" title={`Download ${shownName(name)}`} onClick={() => void download()}>
        <span aria-hidden="true">⤓ </span>
        {shownName(name)}
      </button>
      {alert}
    </>
  );
}
