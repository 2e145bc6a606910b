/**
 * A base URL as people type it, made into the one the SDK needs: a scheme where none was typed
 * (http for this machine and the local network, where Ollama and LM Studio listen; https
 * elsewhere), and without the `/chat/completions` that documentation often shows after it (the
 * SDK adds it: requests would go to …/chat/completions/chat/completions).
 */

const LOCAL_HOST =
  /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|10\.[\d.]+|192\.168\.[\d.]+|172\.(1[6-9]|2\d|3[01])\.[\d.]+|[\w-]+\.local)(:\d+)?(\/|$)/i;

export function normalizeBaseURL(typed: string): string {
  let url = typed.trim().replace(/^(https?)\/\/+/i, "$1://"); // "http//host": the colon left out
  if (url === "") return url;
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(url)) url = `${LOCAL_HOST.test(url) ? "http" : "https"}://${url}`;
  return url.replace(/\/chat\/completions\/?$/i, "");
}

/** Why a base URL cannot be used, or null. */
export function baseURLProblem(url: string): string | null {
  if (url === "") return null;
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:" ? null : "The base URL must start with http:// or https://.";
  } catch {
    return "This is not a URL. It looks like https://api.openai.com/v1 or http://localhost:11434/v1.";
  }
}
