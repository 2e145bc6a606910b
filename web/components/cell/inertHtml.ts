/**
 * An HTML output as its frame may show it: contacting nothing. The frame runs no script and its
 * CSP loads nothing, but Chromium opens a connection (DNS and TCP: a beacon, or data in a host
 * name) before any CSP check for three things (e2e/security-outputs.spec.ts):
 * - a nested document (iframe, frame, object, embed): the output is not shown;
 * - a `<link>` hint such as `rel=preconnect` (with a profile on disk, as people have): taken out,
 *   as every `<link>` is, since nothing one names could load here anyway;
 * - a link pressed (a preconnect on pointer down, then a navigation the page refuses): links keep
 *   their text and show their address on hover, but cannot be followed.
 * Declarative shadow roots count: DOMParser leaves `<template shadowrootmode>` a template, the
 * frame attaches it, so template contents are checked too. What the frame parses is what was
 * checked: the same string, or where something was taken out, the result serialized and parsed
 * again, and refused if that parse still finds something (a markup mutation).
 */
import { trustedHTML } from "../../lib/trusted";

const EMBEDS = "iframe, frame, object, embed";
const EMBEDS_REFUSED = notShown("this HTML embeds another page, and showing it would contact that page's server");
const UNCHECKED = notShown("this HTML reads differently each time it is read, so it cannot be checked");

/** Deeper than this, parsing the markup can hold the page for seconds (`"<b>" * 100000`: 22 s). */
const MAX_DEPTH = 256;
const TAG = /<(\/?)([a-z][^\s/>]*)[^>]*?(\/?)>/gi;
/** Elements with no end tag, or one HTML lets out (`<p>a<p>b` is two paragraphs, not nested): not counted. */
const UNCOUNTED =
  /^(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr|p|li|dt|dd|tr|td|th|option|optgroup|thead|tbody|tfoot|colgroup|caption|rb|rt|rtc|rp|html|head|body)$/i;

export function inertHtml(html: string): string {
  const depth = nesting(html);
  if (depth > MAX_DEPTH)
    return notShown(`its markup is nested ${depth} elements deep, and showing it would freeze the page`);
  const doc = parse(html);
  if (embeds(doc)) return EMBEDS_REFUSED;
  if (!disarm(doc)) return html;
  const inert = serialize(doc);
  const again = parse(inert);
  return embeds(again) ? EMBEDS_REFUSED : disarm(again) ? UNCHECKED : inert;
}

/**
 * How deep the markup's elements nest, counted from its tags as the parser would: an end tag
 * closes the element it names and those opened inside it, and one that names none is ignored
 * (`"<span></i>" * 60000` nests 60,000 spans). Stops counting past MAX_DEPTH.
 */
function nesting(html: string): number {
  const open: string[] = [];
  for (const [, closing, tag, selfClosing] of html.matchAll(TAG)) {
    const name = tag.toLowerCase();
    if (closing) {
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
    } else if (!selfClosing && !UNCOUNTED.test(name)) {
      open.push(name);
      if (open.length > MAX_DEPTH) return open.length;
    }
  }
  return open.length;
}

function parse(html: string): Document {
  return new DOMParser().parseFromString(trustedHTML(html), "text/html");
}

/** The document and every template's contents (a declarative shadow root is one), nested ones too. */
function roots(doc: Document): ParentNode[] {
  const all: ParentNode[] = [doc];
  for (let i = 0; i < all.length; i++) {
    for (const template of all[i].querySelectorAll("template")) all.push(template.content);
  }
  return all;
}

const embeds = (doc: Document) => roots(doc).some((root) => root.querySelector(EMBEDS));

/** Takes out every `<link>` and every link's address; says whether there were any. */
function disarm(doc: Document): boolean {
  let changed = false;
  for (const root of roots(doc)) {
    for (const link of root.querySelectorAll("link")) {
      link.remove();
      changed = true;
    }
    // HTML's and SVG's <a> (href or xlink:href), and image-map areas.
    for (const anchor of root.querySelectorAll("a, area")) {
      for (const attribute of [...anchor.attributes].filter((a) => a.localName === "href")) {
        anchor.removeAttributeNode(attribute);
        if (anchor instanceof HTMLElement && !anchor.title) anchor.title = attribute.value;
        changed = true;
      }
    }
  }
  return changed;
}

function serialize(doc: Document): string {
  const doctype = doc.doctype ? new XMLSerializer().serializeToString(doc.doctype) : "";
  return doctype + doc.documentElement.outerHTML;
}

function notShown(why: string): string {
  return `<!doctype html><meta charset="utf-8"><p>Not shown: ${why}.</p>`;
}
