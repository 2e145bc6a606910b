/**
 * A model's answer, in top-level blocks: split at blank lines outside fenced code. Each
 * block is parsed on its own, so a block that is complete is not parsed again as more text comes
 * (parsing the whole answer on every update made a long answer freeze the page, ever longer as it
 * grew). A blank line followed by an indented line does not split (a list item's next paragraph).
 * Blocks are parsed apart for good: a list whose items are apart is drawn as lists of one, numbered
 * on; reference links would not join, so a text with reference definitions is parsed whole.
 */
export function markdownBlocks(text: string): string[] {
  const blocks: string[] = [];
  let block: string[] = [];
  let blanks = 0; // blank lines seen since the block's last line
  let fence: string | null = null; // the open fence's marker: ``` or ~~~, or longer
  for (const line of text.split("\n")) {
    if (!fence && line.trim() === "") {
      blanks++;
      continue;
    }
    // After blank lines, an indented line goes on the block (a list item's next paragraph).
    if (blanks > 0 && !/^[ \t]/.test(line) && block.length > 0) {
      blocks.push(block.join("\n"));
      block = [];
    } else if (blanks > 0 && block.length > 0) block.push(...Array<string>(blanks).fill(""));
    blanks = 0;
    const marker = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (!fence && marker) fence = marker[1];
    else if (fence && marker && closes(fence, marker[1], marker[2])) fence = null;
    block.push(line);
  }
  if (block.length > 0) blocks.push(block.join("\n"));
  return blocks;
}

/** Reference definitions (`[id]: url`) join links across blocks: such a text is parsed whole. */
export const hasReferences = (text: string) => /^ {0,3}\[[^\]]+\]:/m.test(text);

/** A closing fence: the opening one's character, at least as many, and nothing after it. */
const closes = (fence: string, marker: string, rest: string) =>
  marker[0] === fence[0] && marker.length >= fence.length && rest.trim() === "";
