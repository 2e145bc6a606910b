/**
 * The chat messages sent to the model, derived from the loop's record. The record stays the
 * source of truth; messages are rebuilt for every request, in the shape every dialect accepts:
 * tool results as text in `tool` messages, figures as a following `user` message with image
 * parts (vision models only, the latest few), and a short assistant message bridging any `user`
 * message that would directly follow a `tool` message (Mistral rejects that order).
 */
import type { ChatMessage } from "./client";
import type { AssistantMessage, Step, Turn } from "./record";
import { parseArguments } from "./stream";
import { budget } from "./tool-result";

export interface MessageOptions {
  instructionsRole: "system" | "developer";
  vision: boolean;
  /** The base URL the messages go to: provider fields are echoed only to the endpoint that sent them. */
  endpoint?: string;
  /** …and only to the model that sent them (one base URL serves many models: OpenRouter, Ollama). */
  model?: string;
}

/**
 * Figures sent as images, the latest first: every earlier chart again in every request grew it by
 * ~1.5 MB a chart, and some endpoints refuse more than 5 images (Groq). Older figures are named in
 * their tool messages ("[figure shown to the user]").
 */
export const MAX_IMAGES = 4;

export function buildMessages(system: string, turns: Turn[], options: MessageOptions): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: options.instructionsRole, content: system }];
  const push = (message: ChatMessage) => {
    if (message.role === "user" && messages.at(-1)?.role === "tool") {
      messages.push({ role: "assistant", content: "(continuing)" });
    }
    messages.push(message);
  };
  const sentImages = latestImages(turns, options.vision ? MAX_IMAGES : 0);
  for (const turn of turns) {
    push({ role: "user", content: withUserCells(turn) });
    for (const step of turn.steps) {
      push(assistantMessage(step.assistant, options));
      // Every call gets its tool message (APIs reject a call without one), even in a record cut
      // off before the call ran.
      for (const call of step.assistant.toolCalls) {
        const result = step.results.find((r) => r.callId === call.id);
        push({ role: "tool", tool_call_id: call.id, content: result?.message ?? NOT_RUN });
      }
      const images = sentImages.get(step) ?? [];
      if (images.length > 0) {
        push({
          role: "user",
          content: [
            { type: "text", text: "The figures the code above produced:" },
            ...images.map((png) => ({ type: "image_url", image_url: { url: `data:image/png;base64,${png}` } })),
          ],
        });
      }
    }
    // An empty answer goes back as the placeholder: some providers refuse empty messages.
    if (turn.answer?.content) push({ role: "assistant", content: turn.answer.content + cutShort(turn) });
    else if (turn.status !== "running" && messages.at(-1)?.role !== "assistant") {
      push({ role: "assistant", content: "(This turn ended before an answer.)" });
    }
  }
  return messages;
}

/** The figures each step sends: the conversation's latest `max`. */
function latestImages(turns: Turn[], max: number): Map<Step, string[]> {
  const chosen = new Map<Step, string[]>();
  let left = max;
  for (const step of turns.flatMap((t) => t.steps).reverse()) {
    if (left === 0) break;
    const images = step.results.flatMap((r) => r.images).slice(-left);
    if (images.length === 0) continue;
    chosen.set(step, images);
    left -= images.length;
  }
  return chosen;
}

/** What the model is told of a call that never ran. */
export const NOT_RUN = "Not run: the turn ended first.";

/** An answer the user stopped, or that was cut off, is not taken for a finished one. */
function cutShort(turn: Turn): string {
  if (turn.status === "stopped") return "\n\n[The user stopped this answer before it finished.]";
  if (turn.status === "interrupted" || turn.status === "error")
    return "\n\n[This answer was cut off before it finished.]";
  return "";
}

function assistantMessage(message: AssistantMessage, { endpoint, model }: MessageOptions): ChatMessage {
  // Echoed where it came from only; a record older than `from` (or `model`) echoes as it always did.
  const echo =
    message.from === undefined ||
    (message.from === endpoint && (message.model === undefined || model === undefined || message.model === model));
  return {
    role: "assistant",
    content: message.content || null,
    tool_calls: message.toolCalls.map((call) => {
      const args = parseArguments(call.arguments);
      return {
        id: call.id,
        type: "function",
        // Arguments that did not parse go back as "{}" (some servers reject the history otherwise).
        function: { name: call.name, arguments: args.ok ? JSON.stringify(args.value) : "{}" },
        ...(echo && call.echo), // Gemini's per-call thought_signature
      };
    }),
    // Fields some providers require back on assistant messages that made tool calls
    // (DeepSeek's reasoning_content), sent as received.
    ...(echo && message.echo),
  };
}

/** The question, preceded by the cells the user ran themselves since the last turn (budgeted). */
function withUserCells(turn: Turn): string {
  if (!turn.userCells?.length) return turn.question;
  const cells = turn.userCells
    .map((c) => `\`\`\`python\n${c.code}\n\`\`\`\nOutput:\n${budget(c.output, 2000) || "(none)"}`)
    .join("\n\n");
  return `(I ran these cells myself in the same kernel:)\n${cells}\n\n${turn.question}`;
}
