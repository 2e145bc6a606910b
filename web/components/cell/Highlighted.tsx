import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { useMemo } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import "./highlight.css";
import { highlight, languageOf } from "./highlight";

/** Code with syntax colours: a `<code>` of text nodes and spans, built as React elements. */
export function Highlighted({ code, language }: { code: string; language?: string }) {
  const lang = languageOf(language);
  const content = useMemo(() => {
    const tree = highlight(code, lang);
    return tree ? toJsxRuntime(tree, { Fragment, jsx, jsxs }) : code;
  }, [code, lang]);
  return <code className={lang ? `hljs language-${lang}` : undefined}>{content}</code>;
}
