import type { ReactNode } from "react";

/** The files a cell wrote to /mnt/data, as chips (download links when the app gives them). */
export function CellFiles({ names, fileLink }: { names: string[]; fileLink?: (name: string) => ReactNode }) {
  if (names.length === 0) return null;
  return (
    <ul className="cell-files" aria-label="Files from this cell">
      {names.map((name) => (
        <li key={name} className="file-chip">
          {fileLink ? fileLink(name) : name}
        </li>
      ))}
    </ul>
  );
}
