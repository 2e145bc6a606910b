/**
 * The memory cap. Pyodide's heap grows through `WebAssembly.Memory.prototype.grow` (Emscripten
 * calls it from JS when malloc runs out); refusing growth past the cap makes malloc fail and
 * Python raise MemoryError, instead of the tab freezing. There is no supported Pyodide option.
 * The replacement is non-writable and non-configurable, so Python (which can reach every JS
 * global) cannot put the original back.
 */
export function capMemory(maxBytes: number): void {
  const grow = WebAssembly.Memory.prototype.grow;
  Object.defineProperty(WebAssembly.Memory.prototype, "grow", {
    value: function cappedGrow(this: WebAssembly.Memory, pages: number): number {
      if (this.buffer.byteLength + pages * 65536 > maxBytes) {
        throw new RangeError(`The kernel's memory limit (${maxBytes} bytes) was reached`);
      }
      return grow.call(this, pages);
    },
    writable: false,
    configurable: false,
  });
}
