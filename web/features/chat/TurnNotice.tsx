import type { Turn } from "../../agent/record";

/**
 * Why a turn ended early, in one sentence; where the endpoint refused it, also in the endpoint's
 * own words (a 400's are often the only clue: a field the provider rejects, a model's limits).
 */
export function TurnNotice({ turn }: { turn: Turn }) {
  const failed = turn.status === "error";
  const detail = turn.error?.detail;
  return (
    <>
      <p className={failed ? "error" : "notice"} role={failed ? "alert" : undefined}>
        {turn.notice}
      </p>
      {detail && !turn.notice?.includes(detail) && (
        <details className="error-detail" open={turn.error?.kind === "bad_request"}>
          <summary>Details</summary>
          <pre>{detail}</pre>
        </details>
      )}
    </>
  );
}
