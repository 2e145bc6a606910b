/**
 * Compiles Pyodide's wasm as soon as its bytes arrive, while the loader script is still being
 * imported (and a memory snapshot read). Pyodide compiles only when it instantiates, late in its
 * start-up, and this frame gets no compiled-code cache: compiling is ~0.1–0.4 s of every boot.
 * Compiled from bytes rather than streamed: a stream is fed to the compiler on this thread, in
 * tasks between the loader's and the snapshot's, while bytes are compiled on other threads.
 */
export function precompile(wasm: Promise<ArrayBuffer | Blob>): void {
  const module = wasm.then(async (bytes) =>
    WebAssembly.compile(bytes instanceof Blob ? await bytes.arrayBuffer() : bytes),
  );
  module.catch(() => {}); // Pyodide's own instantiation reports it
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  // Pyodide's core is the one module instantiated from a stream (packages' libraries are not).
  WebAssembly.instantiateStreaming = async (_source, imports) => {
    WebAssembly.instantiateStreaming = instantiateStreaming;
    const compiled = await module;
    return { module: compiled, instance: await WebAssembly.instantiate(compiled, imports) };
  };
}
