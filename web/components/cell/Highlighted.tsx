import { useMemo } from "react";
import { lazyModule } from "../lazy";
import "./highlight.css";

/** highlight.js's grammars load after the kernel's boot (../lazy.ts); until then code shows plain. */
const highlighter = lazyModule(() => import("./highlight"), { waitForBoot: true });

/** Code with syntax colours: a `<code>` of text nodes and spans, built as React elements. */
export function Highlighted({ code, language }: { code: string; language?: string }) {
  const loaded = highlighter.useModule();
  const lang = loaded?.languageOf(language) ?? null;
  const content = useMemo(() => loaded?.highlightElements(code, lang) ?? code, [loaded, code, lang]);
  return <code className={lang ? `hljs language-${lang}` : undefined}>{content}</code>;
}
