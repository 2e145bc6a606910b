/**
 * Output text as a terminal shows it. A carriage return goes back to the start of its line, and
 * what follows writes over it: progress bars (tqdm, `print(f"\r{i}%", end="")`) redraw one line
 * instead of adding hundreds. Only the last line can still change, so only it is worked on: a
 * long output is not gone through again on every piece.
 */
export function appendOutput(text: string, added: string): string {
  if (!added.includes("\r") && !text.endsWith("\r")) return text + added;
  const lineStart = text.lastIndexOf("\n") + 1;
  const lines = (text.slice(lineStart) + added).replace(/\r\n/g, "\n").split("\n");
  return text.slice(0, lineStart) + lines.map(overwrite).join("\n");
}

/** One line's pieces between carriage returns, each written over the start of the last; a
 * trailing return is kept, so the next piece of output writes over the line too. */
function overwrite(line: string): string {
  const pieces = line.split("\r");
  let shown = "";
  for (const piece of pieces) shown = piece + shown.slice(piece.length);
  return line.endsWith("\r") ? `${shown}\r` : shown;
}
