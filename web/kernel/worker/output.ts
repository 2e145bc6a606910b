/**
 * Batches stdout/stderr for the trip to the app. Python writes in tiny pieces (a print is
 * often two writes); sending each would flood the port. Text is decoded as UTF-8 across write
 * boundaries and flushed when the stream changes, when a batch is large, or when the clock —
 * checked inside the write callback itself, since timers cannot fire while Python runs — says so.
 *
 * Each run has a cap: the first three quarters stream out as written; past that only the latest
 * quarter is kept, and at the end of the run it follows a note saying exactly how much was cut.
 */
import { formatCount } from "../../lib/count";

export const FLUSH_INTERVAL_MS = 33;
const FLUSH_BYTES = 256 * 1024;

export type StreamName = "stdout" | "stderr";

export class OutputBuffer {
  #decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  #name: StreamName = "stdout";
  #text = "";
  #lastFlush = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #head = Infinity;
  #tailMax = 0;
  #written = 0;
  #tail: { name: StreamName; text: string }[] = [];
  #tailChars = 0;
  #cut = 0;

  constructor(private readonly send: (name: StreamName, text: string) => void) {}

  /** Starts a run's output, capped at `maxChars` characters. */
  begin(maxChars: number): void {
    this.#text = ""; // written between runs (a stray timer): not this run's
    this.#head = Math.floor(maxChars * 0.75);
    this.#tailMax = maxChars - this.#head;
    this.#written = this.#tailChars = this.#cut = 0;
    this.#tail = [];
  }

  /** Ends the run: the rest of the output, the note on what was cut, then the kept tail. */
  end(): void {
    for (const name of ["stdout", "stderr"] as const) this.#accept(name, this.#decoders[name].decode());
    this.flush();
    if (this.#cut > 0) {
      const note = `\n[… ${formatCount(this.#cut)} characters of output cut: the limit is ${formatCount(this.#head + this.#tailMax)} per run …]\n`;
      this.send("stderr", note);
    }
    for (const { name, text } of this.#tail) this.send(name, text);
    this.begin(Infinity);
  }

  write(name: StreamName, bytes: Uint8Array): number {
    this.#accept(name, this.#decoders[name].decode(bytes, { stream: true }));
    return bytes.length;
  }

  #accept(name: StreamName, text: string): void {
    if (!text) return;
    const room = this.#head - this.#written;
    if (room < text.length) {
      this.#keepTail(name, text.slice(Math.max(room, 0)));
      text = text.slice(0, Math.max(room, 0));
      if (!text) return;
    }
    this.#written += text.length;
    if (name !== this.#name) this.flush();
    this.#name = name;
    this.#text += text;
    const now = performance.now();
    if (this.#text.length >= FLUSH_BYTES || now - this.#lastFlush >= FLUSH_INTERVAL_MS) this.flush();
    // When Python goes idle (await asyncio.sleep) nothing writes; a timer flushes the rest then.
    else this.#timer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
  }

  /** Past the head: keep only the latest `tailMax` characters, counting what falls out. */
  #keepTail(name: StreamName, text: string): void {
    this.#written = this.#head;
    const last = this.#tail.at(-1);
    if (last?.name === name)
      last.text += text; // one event per stream switch, not per write
    else this.#tail.push({ name, text });
    this.#tailChars += text.length;
    while (this.#tailChars > this.#tailMax) {
      const first = this.#tail[0];
      const drop = Math.min(first.text.length, this.#tailChars - this.#tailMax);
      first.text = first.text.slice(drop);
      this.#tailChars -= drop;
      this.#cut += drop;
      if (!first.text) this.#tail.shift();
    }
  }

  /** Sends what is buffered. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#lastFlush = performance.now();
    // One write can be huge (print of a 10 MB string); the app refuses any single string over
    // its limit, so a batch goes in pieces, never splitting a surrogate pair.
    const text = this.#text;
    this.#text = "";
    for (let start = 0; start < text.length;) {
      let end = Math.min(start + FLUSH_BYTES, text.length);
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      this.send(this.#name, text.slice(start, end));
      start = end;
    }
  }
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
