import { createContext, type ReactNode } from "react";

/**
 * How an answer's link to a file in /mnt/data is drawn: a download of it. Models trained on
 * ChatGPT end with `[Download the table](sandbox:/mnt/data/table.csv)`; without this the words
 * would be a dead link. Absent (null), such a link is text.
 */
export const FileLinks = createContext<((name: string) => ReactNode) | null>(null);

/** The file a link names in /mnt/data (`sandbox:/mnt/data/x.csv`, `/mnt/data/x.csv`), or null. */
export function dataFileName(href: string): string | null {
  const match = /^(?:sandbox:)?\/mnt\/data\/([^?#]+)/.exec(href.trim());
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}
