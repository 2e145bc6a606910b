/**
 * The kernel worker's module entry. The kernel frame starts a classic blob: worker (module blob
 * workers fail silently in an opaque-origin frame), which imports this bundle from a blob: URL
 * and calls `start` with the MessagePort the app created. Only wiring here.
 */
import { expose } from "comlink";
import { Kernel } from "./kernel";

export function start(port: MessagePort, interrupt: SharedArrayBuffer | null): void {
  expose(new Kernel(interrupt), port);
}
