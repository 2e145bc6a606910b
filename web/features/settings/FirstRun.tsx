import "./first-run.css";

/** Shown until a model is connected: what the app does, and how to connect one (../shared/PROVIDERS.md). */
export function FirstRun({ onOpenSettings }: { onOpenSettings: () => void }) {
  const origin = window.location.origin;
  return (
    <section className="first-run" aria-label="Connect a model">
      <h2>Connect a model</h2>
      <p>Ask questions about your files and a model answers by running Python here, in your browser.</p>
      <ul>
        <li>
          <strong>A hosted model:</strong> pick OpenAI, OpenRouter, Groq, Mistral, DeepSeek… in Settings and paste your
          API key. It stays in this browser (or only for this session) and is sent only to that endpoint.
        </li>
        <li>
          <strong>A model on your computer</strong>, no key needed: start Ollama with{" "}
          <code>OLLAMA_ORIGINS={origin} ollama serve</code>; in LM Studio enable CORS (
          <code>lms server start --cors</code>); run llama.cpp as <code>llama-server --jinja -m model.gguf</code>. Then
          pick it in Settings. Chrome may ask before a public page reaches your computer; Safari does not let an https
          page reach http://localhost.
        </li>
      </ul>
      <button type="button" onClick={onOpenSettings}>
        Connect a model
      </button>
      <p className="hint">Without a model, the Python box below works on its own.</p>
    </section>
  );
}
