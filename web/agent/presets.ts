/**
 * Endpoint presets: where each kind of OpenAI-compatible server lives and how its dialect
 * differs in what it accepts (../shared/PROVIDERS.md, "Requests"). A preset is only a starting
 * point: every field is an endpoint setting the user can change.
 */

export interface EndpointOptions {
  /** Role of the instructions message: "system" works everywhere; some reject "developer". */
  instructionsRole: "system" | "developer";
  /** Which max-tokens field to send, if any (o-series want max_completion_tokens; Ollama reads only max_tokens). */
  maxTokensField: "max_tokens" | "max_completion_tokens" | null;
  /** Ask for usage in the stream (stream_options.include_usage); Mistral and Fireworks reject it. */
  streamUsage: boolean;
  /** Send figures to the model as images (vision-capable models only). */
  vision: boolean;
  /** Extra request headers (e.g. Anthropic's browser-access header). */
  headers: Record<string, string>;
  /** The endpoint needs no key (local servers, proxies). */
  keyless: boolean;
  /** Said in the UI when the endpoint is known to be hard to reach from a browser. */
  note?: string;
}

export interface Preset extends EndpointOptions {
  id: string;
  label: string;
  baseURL: string;
}

const remote: EndpointOptions = {
  instructionsRole: "system",
  maxTokensField: null,
  streamUsage: true,
  vision: true,
  headers: {},
  keyless: false,
};
const local: EndpointOptions = { ...remote, streamUsage: false, vision: false, keyless: true };

export const PRESETS: Preset[] = [
  { id: "openai", label: "OpenAI", baseURL: "https://api.openai.com/v1", ...remote },
  { id: "openrouter", label: "OpenRouter", baseURL: "https://openrouter.ai/api/v1", ...remote },
  { id: "groq", label: "Groq", baseURL: "https://api.groq.com/openai/v1", ...remote, vision: false },
  { id: "together", label: "Together", baseURL: "https://api.together.xyz/v1", ...remote, vision: false },
  { id: "mistral", label: "Mistral", baseURL: "https://api.mistral.ai/v1", ...remote, streamUsage: false },
  { id: "deepseek", label: "DeepSeek", baseURL: "https://api.deepseek.com/v1", ...remote, vision: false },
  {
    id: "ollama",
    label: "Ollama",
    baseURL: "http://localhost:11434/v1",
    ...local,
    note: "Start Ollama with OLLAMA_ORIGINS set to this page's origin so the browser may call it.",
  },
  {
    id: "lmstudio",
    label: "LM Studio",
    baseURL: "http://localhost:1234/v1",
    ...local,
    note: "Enable CORS in LM Studio's server settings (or `lms server start --cors`).",
  },
  { id: "llamacpp", label: "llama.cpp server", baseURL: "http://localhost:8080/v1", ...local },
  { id: "vllm", label: "vLLM", baseURL: "http://localhost:8000/v1", ...local },
  { id: "custom", label: "Custom", baseURL: "", ...remote, keyless: true },
];

export const presetById = (id: string): Preset => PRESETS.find((p) => p.id === id) ?? PRESETS.at(-1)!;
