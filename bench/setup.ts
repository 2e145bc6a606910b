/** Before the benches: the bare baseline pages go into the build the config serves. */
import type { FullConfig } from "@playwright/test";
import { join, resolve } from "node:path";
import { writeBarePages } from "./bare.ts";

export default function setup(config: FullConfig): void {
  // `vite preview --outDir X` resolves X against Vite's root, web/.
  const outDir = /--outDir\s+(\S+)/.exec(config.webServer?.command ?? "")?.[1] ?? "../dist-bench";
  writeBarePages(resolve(join(import.meta.dirname, "../web"), outDir));
}
