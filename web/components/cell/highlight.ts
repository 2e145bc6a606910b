/**
 * Syntax highlighting for cell code and the model's Markdown code blocks: lowlight (highlight.js
 * grammars) turned into a hast tree, then React elements — never HTML. Only the languages this
 * app shows are registered, to keep the bundle small; Highlighted.tsx loads it after the boot.
 */
import bash from "highlight.js/lib/languages/bash";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import type { Root } from "hast";
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { createLowlight } from "lowlight";
import type { ReactNode } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";

const lowlight = createLowlight({ bash, javascript, json, python, sql, typescript });
lowlight.registerAlias({
  bash: ["sh", "shell", "console", "zsh"],
  javascript: ["js"],
  python: ["py"],
  typescript: ["ts"],
});

/** Past this size highlighting costs more than it helps; the code is shown plain. */
const MAX_HIGHLIGHT = 100_000;

/** The registered language a fence or class names (`language-py`, `Python`), or null (plain text). */
export function languageOf(name: string | undefined): string | null {
  const language = name?.replace(/^language-/, "").toLowerCase();
  return language && lowlight.registered(language) ? language : null;
}

/** The code as a hast tree of `hljs-*` spans, or null when it is shown as plain text. */
export function highlight(code: string, language: string | null): Root | null {
  if (!language || code.length > MAX_HIGHLIGHT) return null;
  return lowlight.highlight(language, code);
}

/** The code as React elements (`hljs-*` spans), or null when it is shown as plain text. */
export function highlightElements(code: string, language: string | null): ReactNode | null {
  const tree = highlight(code, language);
  return tree && toJsxRuntime(tree, { Fragment, jsx, jsxs });
}
