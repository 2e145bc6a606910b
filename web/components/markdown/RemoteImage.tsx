import { createContext, useContext, useState } from "react";

/** Inside a link: a button there would be a control inside a control, so none is offered. */
export const InLink = createContext(false);

interface Props {
  host: string;
  /** The image's address where it is one a browser may open (http, https). */
  url: string | null;
  alt: string;
}

/**
 * An image from elsewhere in the model's Markdown: never loaded by the page (an image URL can carry
 * the conversation's data to whoever the model was tricked into naming). Revealing it shows the
 * full address with a warning, and a link that opens it in a tab of its own, at the person's choice.
 */
export function RemoteImage({ host, url, alt }: Props) {
  const [revealed, setRevealed] = useState(false);
  const placeholder = (
    <span role="img" aria-label={`Image from ${host} not loaded`}>
      [image from {host} not loaded{alt ? `: ${alt}` : ""}]
    </span>
  );
  // Nothing to reveal without an address a browser can open; nothing to offer inside a link.
  if (useContext(InLink) || !url) return <span className="remote-image">{placeholder}</span>;
  return (
    <span className="remote-image">
      {placeholder}{" "}
      <button
        type="button"
        className="secondary"
        aria-expanded={revealed}
        aria-label={`Reveal image from ${host}`}
        onClick={() => setRevealed(!revealed)}
      >
        Reveal
      </button>
      {revealed && (
        <span className="remote-image-warning" role="note">
          Warning: opening it tells {host} that this answer was read, and its address can carry data from the
          conversation. Address: <span className="link-url">{url}</span>{" "}
          <a href={url} target="_blank" rel="noopener noreferrer">
            Open the image in a new tab
          </a>
        </span>
      )}
    </span>
  );
}
