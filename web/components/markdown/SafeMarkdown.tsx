/**
 * The model's Markdown, rendered safely (SECURITY.md, "Markdown from the model"): no raw HTML;
 * images only from data:/blob: — any other image is a placeholder naming its host, revealed (its
 * address, a warning, a link to open it apart) only on a click (an image URL carrying data is the
 * classic prompt-injection exfiltration, and the page CSP would refuse it anyway); links only http(s)/mailto, opened apart, with the full URL shown before leaving.
 * Fenced code is highlighted as React elements (CodeBlock), never as HTML. Loaded on first use
 * (Markdown.tsx).
 */
import { useContext, type ComponentProps } from "react";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { CodeBlock } from "./CodeBlock";
import { dataFileName, FileLinks } from "./file-links";
import { InLink, RemoteImage } from "./RemoteImage";
import { linkTarget, imageSource } from "./urls";

function SafeImage({ src, alt }: ComponentProps<"img">) {
  const source = imageSource(typeof src === "string" ? src : "");
  if (source.kind === "inline") return <img src={source.url} alt={alt ?? ""} />;
  if (source.kind === "too-costly") {
    return (
      <span className="remote-image" role="img" aria-label="SVG image not shown">
        [SVG image not shown: it makes too many elements to draw{alt ? `: ${alt}` : ""}]
      </span>
    );
  }
  return <RemoteImage host={source.host} url={source.url} alt={alt ?? ""} />;
}

function SafeLink({ href, children }: ComponentProps<"a">) {
  const fileLink = useContext(FileLinks);
  const file = dataFileName(href ?? "");
  if (file && fileLink) {
    return (
      <>
        {children} {fileLink(file)}
      </>
    );
  }
  const target = linkTarget(href ?? "");
  if (!target) return <span className="unsafe-link">{children}</span>;
  return (
    <>
      <a href={target} target="_blank" rel="noopener noreferrer">
        <InLink.Provider value={true}>{children}</InLink.Provider>
      </a>{" "}
      <span className="link-url">({target})</span>
    </>
  );
}

export function SafeMarkdown({ text }: { text: string }) {
  return (
    <ReactMarkdown
      remarkPlugins={[remarkGfm]}
      skipHtml
      urlTransform={(url) => url}
      components={{ img: SafeImage, a: SafeLink, pre: CodeBlock }}
    >
      {text}
    </ReactMarkdown>
  );
}
