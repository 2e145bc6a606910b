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
  /** The kept tail: one piece per write (joined only at the end: cutting a joined string copies it). */
  #tail: { name: StreamName; text: string }[] = [];
  /** Where the tail starts: its first piece, and the characters of that piece already cut. */
  #tailFirst = 0;
  #tailSkip = 0;
  #tailChars = 0;
  #cut = 0;

  constructor(private readonly send: (name: StreamName, text: string) => void) {}

  /** Starts a run's output, capped at `maxChars` characters. */
  begin(maxChars: number): void {
    this.#text = ""; // written between runs (a stray timer): not this run's
    this.#head = Math.floor(maxChars * 0.75);
    this.#tailMax = maxChars - this.#head;
    this.#written = this.#tailChars = this.#cut = this.#tailFirst = this.#tailSkip = 0;
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
    const pieces = this.#tail.slice(this.#tailFirst);
    if (pieces[0]) pieces[0] = { ...pieces[0], text: pieces[0].text.slice(this.#tailSkip) };
    // One batch per stream switch, as the head was sent.
    for (let start = 0; start < pieces.length;) {
      let end = start;
      while (end < pieces.length && pieces[end].name === pieces[start].name) end++;
      this.#sendBatch(
        pieces[start].name,
        pieces
          .slice(start, end)
          .map((piece) => piece.text)
          .join(""),
      );
      start = end;
    }
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
    this.#tail.push({ name, text });
    this.#tailChars += text.length;
    while (this.#tailChars > this.#tailMax) {
      const first = this.#tail[this.#tailFirst];
      const drop = Math.min(first.text.length - this.#tailSkip, this.#tailChars - this.#tailMax);
      this.#tailSkip += drop;
      this.#tailChars -= drop;
      this.#cut += drop;
      if (this.#tailSkip === first.text.length) [this.#tailFirst, this.#tailSkip] = [this.#tailFirst + 1, 0];
    }
    // Pieces cut whole are let go now and then (not on every write: that would copy the array).
    if (this.#tailFirst > 4096 && this.#tailFirst * 2 > this.#tail.length) {
      this.#tail = this.#tail.slice(this.#tailFirst);
      this.#tailFirst = 0;
    }
  }

  /** Sends what is buffered. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#lastFlush = performance.now();
    // A batch goes in pieces, never splitting a surrogate pair.
    const text = this.#text;
    this.#text = "";
    this.#sendBatch(this.#name, text);
  }

  /** One write can be huge (print of a 10 MB string); the app refuses any single string over its limit. */
  #sendBatch(name: StreamName, text: string): void {
    for (let start = 0; start < text.length;) {
      let end = Math.min(start + FLUSH_BYTES, text.length);
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      this.send(name, text.slice(start, end));
      start = end;
    }
  }
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
