import "./embed.css";

/**
 * Shown, and nothing else, when a page that is not allowed to embed the app frames it anyway (a
 * host that cannot send `frame-ancestors`): no upload, no code, no model, so there is nothing for
 * that page to trick a person into doing here.
 */
export function EmbedRefused({ origin }: { origin: string | null }) {
  const who = origin && origin !== "null" ? origin : "This page";
  return (
    <main className="embed-refused">
      <h1>This app cannot run inside this page</h1>
      <p>
        {who} is not allowed to embed Code Interpreter, so it does nothing here: it reads no files and runs no code.
      </p>
      <p>
        <a href={window.location.href} target="_blank" rel="noopener noreferrer">
          Open Code Interpreter in its own tab
        </a>
      </p>
    </main>
  );
}
