/** Before the benches: the bare baseline pages go into the build being served. */
import { writeBarePages } from "./bare.ts";

export default function setup(): void {
  writeBarePages();
}
