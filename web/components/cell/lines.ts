/**
 * Where each line of a long, growing text starts, for StreamText's window onto it. Output only
 * ever grows by appending while a cell runs, so the index is extended, not rebuilt: 200,000 lines
 * arriving in ~60 pieces cost one pass over the text, not sixty.
 */
export class LineIndex {
  #text = "";
  /** Offsets where lines start; the first is 0. */
  #starts: number[] = [0];

  /** Brings the index up to `text` (extended when `text` continues the last one, else rebuilt). */
  update(text: string): this {
    const old = this.#text;
    const continues = text.length >= old.length && text.startsWith(old.slice(-64), Math.max(0, old.length - 64));
    if (!continues) this.#starts = [0];
    let from = continues ? old.length : 0;
    for (let nl = text.indexOf("\n", from); nl !== -1; nl = text.indexOf("\n", from)) {
      this.#starts.push(nl + 1);
      from = nl + 1;
    }
    this.#text = text;
    return this;
  }

  /** Lines, a final unterminated one included; a text ending in "\n" has no empty last line. */
  get count(): number {
    const n = this.#starts.length;
    return this.#starts[n - 1] === this.#text.length && n > 1 ? n - 1 : n;
  }

  /**
   * The text in blocks of at least `size` lines, for StreamText's plain form. Each block but the
   * last drops the newline that ends it (the boundary between blocks is that line break) and ends
   * on a line with text, as an empty line at the end of a block would not be drawn. The last block
   * is the rest of the text as it is, so the blocks joined by "\n" are the text.
   */
  blocks(size: number): string[] {
    const blocks: string[] = [];
    const count = this.count;
    const empty = (line: number) => this.#starts[line + 1] - 1 === this.#starts[line];
    for (let first = 0; first < count;) {
      let end = first + size;
      while (end < count && empty(end - 1)) end++;
      const start = this.#starts[first];
      blocks.push(end < count ? this.#text.slice(start, this.#starts[end] - 1) : this.#text.slice(start));
      first = end;
    }
    return blocks;
  }

  /** Lines `first` (inclusive) to `end` (exclusive), each cut to `maxChars` with "…" past it, joined by "\n". */
  slice(first: number, end: number, maxChars = Infinity): string {
    const lines: string[] = [];
    for (let i = Math.max(0, first); i < Math.min(end, this.count); i++) {
      const start = this.#starts[i];
      const stop = i + 1 < this.#starts.length ? this.#starts[i + 1] - 1 : this.#text.length;
      lines.push(
        stop - start > maxChars ? this.#text.slice(start, start + maxChars) + "…" : this.#text.slice(start, stop),
      );
    }
    return lines.join("\n");
  }
}
