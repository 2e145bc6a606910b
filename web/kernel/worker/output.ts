/**
 * Batches stdout/stderr for the trip to the app. Python writes in tiny pieces (a print is
 * often two writes); sending each would flood the port. Text is decoded as UTF-8 across write
 * boundaries and flushed when the stream changes, when a batch is large, or when the clock —
 * checked inside the write callback itself, since timers cannot fire while Python runs — says so.
 */
export const FLUSH_INTERVAL_MS = 33;
const FLUSH_BYTES = 256 * 1024;

export type StreamName = "stdout" | "stderr";

export class OutputBuffer {
  #decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  #name: StreamName = "stdout";
  #text = "";
  #lastFlush = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly send: (name: StreamName, text: string) => void) {}

  write(name: StreamName, bytes: Uint8Array): number {
    if (name !== this.#name) this.flush();
    this.#name = name;
    this.#text += this.#decoders[name].decode(bytes, { stream: true });
    const now = performance.now();
    if (this.#text.length >= FLUSH_BYTES || now - this.#lastFlush >= FLUSH_INTERVAL_MS) this.flush();
    // When Python goes idle (await asyncio.sleep) nothing writes; a timer flushes the rest then.
    else this.#timer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
    return bytes.length;
  }

  /** Sends what is buffered; `end` also completes characters cut mid-sequence (end of a run). */
  flush(end = false): void {
    if (end) this.#text += this.#decoders[this.#name].decode();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#lastFlush = performance.now();
    // One write can be huge (print of a 10 MB string); the app refuses any single string over
    // its limit, so a batch goes in pieces, never splitting a surrogate pair.
    const text = this.#text;
    this.#text = "";
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + FLUSH_BYTES, text.length);
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      this.send(this.#name, text.slice(start, end));
      start = end;
    }
  }
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
