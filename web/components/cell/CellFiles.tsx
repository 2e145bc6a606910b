import type { ReactNode } from "react";
import { formatCount } from "../../lib/count";

/** Chips drawn under one cell: an unzipped archive names thousands of files. */
const SHOWN_CHIPS = 50;

/** The files a cell wrote to /mnt/data, as chips (download links when the app gives them). */
export function CellFiles({ names, fileLink }: { names: string[]; fileLink?: (name: string) => ReactNode }) {
  if (names.length === 0) return null;
  const more = names.length - SHOWN_CHIPS;
  return (
    <ul className="cell-files" aria-label="Files from this cell">
      {names.slice(0, SHOWN_CHIPS).map((name) => (
        <li key={name} className="file-chip">
          {fileLink ? fileLink(name) : name}
        </li>
      ))}
      {more > 0 && <li className="file-chip">…and {formatCount(more)} more (in the Files panel)</li>}
    </ul>
  );
}
