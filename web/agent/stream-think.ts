/**
 * Splits streamed `content` into answer text and `<think>…</think>` reasoning, one piece at a
 * time. Local servers that don't parse reasoning (llama.cpp without a reasoning format, vLLM
 * without a reasoning parser, LM Studio with some models) pass Qwen/DeepSeek thinking through as
 * tags in the content, and a tag can be split anywhere across chunks ("<thi" + "nk>").
 *
 * Contract: `push` returns the parts it is sure about; a possible partial tag at the end is held
 * back until the next piece (or `flush`) settles it. Nothing is ever emitted twice.
 */

export interface ThinkParts {
  content: string;
  reasoning: string;
  /** The answer text emitted before was reasoning after all (see the orphan close below): drop it. */
  retract?: true;
}

export class ThinkSplitter {
  /** `<think>` by default; Gemini's compat endpoint wraps thought summaries in `<thought>`. */
  constructor(
    private readonly OPEN = "<think>",
    private readonly CLOSE = "</think>",
  ) {}

  private inThink = false;
  private pending = "";
  /** Non-blank answer text was emitted; from then on `<think>` is just text. */
  private answering = false;
  /** Answer text emitted so far, kept only while an orphan close tag could still claim it. */
  private answerSoFar = "";
  /** A tag was handled (or quoted in the answer): a later `</think>` can no longer be an orphan. */
  private settled = false;

  push(text: string): ThinkParts {
    const out: ThinkParts = { content: "", reasoning: "" };
    let rest = this.pending + text;
    this.pending = "";
    while (rest) {
      const tag = this.inThink ? this.CLOSE : this.canOpen() ? this.OPEN : null;
      const orphanClose = !this.inThink && !this.settled;
      const at = tag ? rest.indexOf(tag) : -1;
      const closeAt = orphanClose && tag !== this.CLOSE ? rest.indexOf(this.CLOSE) : -1;
      // An answer that quotes the tags ("strip <think>…</think>") is not this case.
      if (closeAt >= 0 && (this.answerSoFar + rest.slice(0, closeAt)).includes(this.OPEN)) {
        this.settled = true;
        continue;
      }
      if (closeAt >= 0 && (at < 0 || closeAt < at)) {
        // DeepSeek-R1 distills: the chat template already opened <think> in the prompt, so the
        // stream starts inside the reasoning and only the close tag shows. Everything before it
        // (already shown live as answer) was reasoning.
        out.reasoning += this.answerSoFar + rest.slice(0, closeAt);
        out.content = "";
        out.retract = true;
        this.answerSoFar = "";
        this.answering = false;
        this.settled = true;
        rest = rest.slice(closeAt + this.CLOSE.length);
        continue;
      }
      if (tag && at >= 0) {
        this.emit(out, rest.slice(0, at));
        this.inThink = tag === this.OPEN;
        this.settled = true;
        this.answerSoFar = "";
        rest = rest.slice(at + tag.length);
        continue;
      }
      // Hold back a tail that could still become a tag once the next piece arrives.
      const held = Math.max(tag ? partialSuffix(rest, tag) : 0, orphanClose ? partialSuffix(rest, this.CLOSE) : 0);
      this.emit(out, rest.slice(0, rest.length - held));
      this.pending = rest.slice(rest.length - held);
      break;
    }
    return out;
  }

  /** The stream ended: whatever was held back is text after all (or reasoning, inside an unclosed block). */
  flush(): ThinkParts {
    const out: ThinkParts = { content: "", reasoning: "" };
    this.emit(out, this.pending);
    this.pending = "";
    return out;
  }

  /**
   * A `<think>` opens a block only before any answer text: reasoning models always think first,
   * while an answer that talks about the tag itself (say, code that strips it) must stay intact.
   */
  private canOpen(): boolean {
    return !this.answering;
  }

  private emit(out: ThinkParts, text: string) {
    if (!text) return;
    if (this.inThink) out.reasoning += text;
    else {
      out.content += text;
      if (!this.settled) this.answerSoFar += text;
      if (text.trim()) this.answering = true;
    }
  }
}

/** Length of the longest end of `text` that is a proper start of `tag`. */
function partialSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(tag.slice(0, n))) return n;
  }
  return 0;
}
