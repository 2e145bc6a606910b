import { describe, expect, it } from "vitest";
import { svgElements, svgTooCostly } from "./svg-cost";

/** Levels of ten uses of the level below: 10^levels elements. */
function useBomb(levels: number): string {
  const parts = ['<svg xmlns="http://www.w3.org/2000/svg"><defs><rect id="l0" width="1" height="1"/>'];
  for (let level = 1; level <= levels; level++) {
    parts.push(`<g id="l${level}">${`<use href="#l${level - 1}"/>`.repeat(10)}</g>`);
  }
  parts.push(`</defs><use xlink:href="#l${levels}"/></svg>`);
  return parts.join("");
}

describe("an SVG's cost", () => {
  it("counts elements with their uses expanded", () => {
    const markers = `<svg><defs><path id="m" d="M0 0"/></defs>${'<use href="#m" x="1"/>'.repeat(3)}</svg>`;
    expect(svgElements(markers)).toBe(3 + 3 * 2); // svg, defs, path; then each use and its path
  });

  it("refuses a use bomb of a few kilobytes, and a use of itself", () => {
    const bomb = useBomb(7);
    expect(bomb.length).toBeLessThan(4000);
    expect(svgTooCostly(bomb)).toBe(true);
    expect(svgTooCostly('<svg><g id="a"><use href="#a"/></g></svg>')).toBe(true);
  });

  it("counts 30,000 nested groups without overflowing the stack", () => {
    const deep = `<svg>${"<g>".repeat(30_000)}<rect/>${"</g>".repeat(30_000)}</svg>`;
    expect(svgElements(deep)).toBe(30_002);
  });

  it("draws what charts make", () => {
    const scatter = `<svg><defs><path id="m" d="M0 0"/></defs>${'<use xlink:href="#m" x="1" y="2"/>'.repeat(20_000)}</svg>`;
    expect(svgTooCostly(scatter)).toBe(false);
  });
});
