import { useId, useRef } from "react";
import type { KernelHost } from "../../kernel/host";
import type { FileEntry } from "../../kernel/protocol";
import { DeleteButton } from "./DeleteButton";
import { FileLink } from "./FileLink";
import { FilePreview } from "./FilePreview";
import { shownName } from "./fileNames";
import { formatSize } from "./format";
import type { FilesOptions } from "./useFiles";

export interface FileRowProps extends FilesOptions {
  kernel: KernelHost;
  file: FileEntry;
  previewing: boolean;
  onPreview: (open: boolean) => void;
  onDeleted: () => void;
}

/** One file of /mnt/data: download link, size, Preview (toggles the region below) and Delete. */
export function FileRow({ kernel, file, previewing, onPreview, onDeleted, onChange }: FileRowProps) {
  const previewId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const shown = shownName(file.name);
  return (
    <li className="file">
      <div className="file-row">
        <FileLink kernel={kernel} name={file.name} />
        <span className="size">{formatSize(file.size)}</span>
        <span className="file-actions">
          <button
            ref={toggle}
            type="button"
            className="secondary"
            aria-expanded={previewing}
            aria-controls={previewing ? previewId : undefined}
            onClick={() => onPreview(!previewing)}
            aria-label={`Preview ${shown}`}
          >
            Preview
          </button>
          <DeleteButton kernel={kernel} name={file.name} onChange={onChange} onDeleted={onDeleted} />
        </span>
      </div>
      {previewing && (
        <FilePreview
          id={previewId}
          kernel={kernel}
          file={file}
          onClose={() => {
            onPreview(false);
            toggle.current?.focus();
          }}
        />
      )}
    </li>
  );
}
