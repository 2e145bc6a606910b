/**
 * Errors thrown the way the openai SDK throws them, for the error tests: real SDK errors from a
 * status and body, and what the real SDK throws for a whole response.
 */
import OpenAI, { APIError } from "openai";
import { preserveErrorBody } from "./errors";
import { StreamAssembler } from "./stream";

export const OPENAI = { baseURL: "https://api.openai.com/v1", model: "gpt-4.1" };
export const OLLAMA = { baseURL: "http://localhost:11434/v1", model: "qwen3:8b", pageOrigin: "https://ci.example.org" };

/** An SDK error for an HTTP error response, built the way the SDK builds it. */
export function httpError(status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : undefined;
  return APIError.generate(status, text === undefined ? (body as object) : undefined, text, new Headers(headers));
}

/** What the real SDK throws for a response, through a fetch that applies preserveErrorBody. */
export async function sdkFailure(response: Response, streaming = false): Promise<unknown> {
  const client = new OpenAI({
    apiKey: "k",
    baseURL: "http://localhost:8000/v1",
    maxRetries: 0,
    fetch: async () => preserveErrorBody(response),
  });
  try {
    const stream = await client.chat.completions.create({ model: "m", messages: [], stream: true });
    const assembler = new StreamAssembler();
    for await (const chunk of stream) assembler.push(chunk);
  } catch (error) {
    return error;
  }
  throw new Error(streaming ? "the stream did not fail" : "the request did not fail");
}

export const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
