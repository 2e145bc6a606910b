import { useEffect, useRef } from "react";
import { setFrameDocument } from "../../lib/trusted";

// The frame's own CSP: no scripts, nothing remote; inline styles and data: images only.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** An HTML output (a DataFrame, say) in `<iframe sandbox="">`: no scripts, opaque origin. */
export function HtmlFrame({ html }: { html: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const doc = `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><style>body{font:14px system-ui,sans-serif;margin:4px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}</style>${html}`;
    if (ref.current) setFrameDocument(ref.current, doc);
  }, [html]);
  return <iframe ref={ref} className="html-output" sandbox="" title="HTML output" />;
}
