import { useEffect, useRef } from "react";
import { trustedHTML } from "../../lib/trusted";
import { frameHeight } from "./frameHeight";
import { inertHtml } from "./inertHtml";

// The frame's own CSP: no scripts, nothing remote; inline styles and data: images only.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * An HTML output (a DataFrame, say) in `<iframe sandbox="">`: no scripts, opaque origin. Its
 * height is an estimate from the markup (it cannot be measured); longer content scrolls inside.
 * What Chromium would contact before the CSP could refuse it is taken out first (`inertHtml`).
 *
 * A srcdoc frame also inherits the page's CSP, which refuses inline styles: a <style> here never
 * applied (Chromium logs a violation), so the frame has the browser's default look. pandas marks
 * its tables `border="1"`, an attribute, so DataFrames keep their grid.
 */
export function HtmlFrame({ html }: { html: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const doc = `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}">${html}`;
    // srcdoc takes TrustedHTML (the page requires Trusted Types); the DOM typings say string.
    if (ref.current) ref.current.srcdoc = trustedHTML(inertHtml(doc));
  }, [html]);
  // A style property (CSSOM), not a style attribute: the page CSP allows the one, not the other.
  return (
    <iframe ref={ref} className="html-output" sandbox="" title="HTML output" style={{ height: frameHeight(html) }} />
  );
}
