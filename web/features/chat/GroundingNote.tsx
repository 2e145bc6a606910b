import type { GroundingReport } from "../../agent/grounding";

/** Which numbers in the answer came from a run's output, and which were found in none. */
export function GroundingNote({ report }: { report: GroundingReport }) {
  const untraced = report.numbers.filter((n) => !n.source && !n.trivial);
  if (report.numbers.length === 0) return null;
  return (
    <details className="grounding" open={untraced.length > 0}>
      <summary>
        {report.traced} number{report.traced === 1 ? "" : "s"} traced to output
        {untraced.length > 0 && `, ${untraced.length} found in no output`}
      </summary>
      <ul>
        {report.numbers.map((n, i) => (
          <li key={i} data-traced={!!n.source}>
            {n.source ? (
              n.source.cellId === "question" ? (
                <>{n.text}: from the question</>
              ) : (
                <a href={`#cell-${n.source.cellId}`}>{n.text}</a>
              )
            ) : n.trivial ? (
              // Small whole numbers ("5 regions") are words as often as results: listed, not flagged.
              <>{n.text}: not checked (a small whole number)</>
            ) : (
              <mark>{n.text}: not found in any output</mark>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
