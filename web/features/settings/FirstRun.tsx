/** Shown until a model is connected: what the app does, and how to connect one. */
export function FirstRun({ onOpenSettings }: { onOpenSettings: () => void }) {
  return (
    <section className="first-run" aria-label="Connect a model">
      <h2>Connect a model</h2>
      <p>
        Ask questions about your files and a model answers by running Python here, in your browser. Pick an endpoint in
        Settings: OpenAI, OpenRouter, Groq, Mistral, DeepSeek… with your own key, or a local server.
      </p>
      <button type="button" onClick={onOpenSettings}>
        Connect a model
      </button>
      <p className="hint">
        Local servers: Ollama must be started with <code>OLLAMA_ORIGINS</code> set to this page&apos;s origin; LM Studio
        needs CORS enabled (<code>lms server start --cors</code>). Chrome may ask before a public page reaches a local
        address. Your key stays in this browser and is sent only to the endpoint you choose.
      </p>
      <p className="hint">Without a model, the Python box below works on its own.</p>
    </section>
  );
}
