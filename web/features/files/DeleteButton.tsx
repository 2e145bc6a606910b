import { useRef, useState } from "react";
import type { KernelHost } from "../../kernel/host";
import { shownName } from "./fileNames";
import { useDeleteFile, type FilesOptions } from "./useFiles";

/**
 * "Delete <name>" asks once more in place: the same button becomes "Confirm delete <name>" (so
 * focus stays on it) beside a Cancel; Escape cancels too. No window.confirm: it blocks the page
 * and cannot be styled or read in context.
 */
export function DeleteButton({
  kernel,
  name,
  onChange,
  onDeleted,
}: { kernel: KernelHost; name: string; onDeleted: () => void } & FilesOptions) {
  const [confirming, setConfirming] = useState(false);
  // Told through the hook's callback, not mutate's: mutate's do not fire once this row is gone.
  const remove = useDeleteFile(kernel, {
    onChange: (change) => {
      onDeleted();
      onChange?.(change);
    },
  });
  const button = useRef<HTMLButtonElement>(null);
  const cancel = () => {
    setConfirming(false);
    remove.reset();
    button.current?.focus();
  };
  const shown = shownName(name);
  return (
    <span
      className="delete"
      onKeyDown={(event) => {
        if (confirming && event.key === "Escape") {
          event.preventDefault(); // not a Stop
          cancel();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className={confirming ? "danger" : "secondary"}
        disabled={remove.isPending}
        onClick={() => (confirming ? remove.mutate(name) : setConfirming(true))}
        aria-label={`${confirming ? "Confirm delete" : "Delete"} ${shown}`}
      >
        {confirming ? "Confirm delete" : "Delete"}
      </button>
      {confirming && (
        <button type="button" className="secondary" onClick={cancel} aria-label={`Cancel deleting ${shown}`}>
          Cancel
        </button>
      )}
      {remove.isError && <span role="alert">Could not delete: {remove.error.message}</span>}
    </span>
  );
}
