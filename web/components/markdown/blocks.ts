/**
 * An answer being streamed, in top-level blocks: split at blank lines outside fenced code. Each
 * block is parsed on its own, so a block that is complete is not parsed again as more text comes
 * (parsing the whole answer on every update made a long answer freeze the page, ever longer as it
 * grew). The finished answer is parsed whole, once: only then do reference links, or a list whose
 * items are apart, join up across blocks.
 */
export function markdownBlocks(text: string): string[] {
  const blocks: string[] = [];
  let block: string[] = [];
  let fence: string | null = null; // the open fence's marker: ``` or ~~~, or longer
  for (const line of text.split("\n")) {
    const marker = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (!fence && marker) fence = marker[1];
    else if (fence && marker && closes(fence, marker[1], marker[2])) fence = null;
    else if (!fence && line.trim() === "") {
      if (block.length > 0) blocks.push(block.join("\n"));
      block = [];
      continue;
    }
    block.push(line);
  }
  if (block.length > 0) blocks.push(block.join("\n"));
  return blocks;
}

/** A closing fence: the opening one's character, at least as many, and nothing after it. */
const closes = (fence: string, marker: string, rest: string) =>
  marker[0] === fence[0] && marker.length >= fence.length && rest.trim() === "";
