/**
 * Chart tooltips as plain text. Vega's usual tooltip plugin writes HTML with innerHTML, which the
 * page's Trusted Types policy forbids (and model-written values must never become markup).
 */
import type { TooltipHandler } from "vega";

/** The lines a tooltip value shows: an object's fields as "name: value", anything else as text. */
export function tooltipLines(value: unknown): string[] {
  if (value === null || value === undefined || value === "") return [];
  if (typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).map(([key, v]) => `${key}: ${format(v)}`);
  }
  return [format(value)];
}

function format(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(+value.toFixed(6));
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A tooltip handler that shows text lines in a box inside `host` (positioned relative to it). */
export function textTooltip(host: HTMLElement): TooltipHandler {
  let box: HTMLDivElement | null = null;
  return (_handler, event, _item, value) => {
    const lines = tooltipLines(value);
    if (lines.length === 0) {
      box?.remove();
      box = null;
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.className = "chart-tooltip";
      box.setAttribute("role", "tooltip");
      host.append(box);
    }
    box.replaceChildren(
      ...lines.map((line) => {
        const div = document.createElement("div");
        div.textContent = line;
        return div;
      }),
    );
    // CSSOM, not a style attribute: the page CSP allows the one and refuses the other.
    const rect = host.getBoundingClientRect();
    box.style.left = `${event.clientX - rect.left + 12}px`;
    box.style.top = `${event.clientY - rect.top + 12}px`;
  };
}
