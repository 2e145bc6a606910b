import { memo, type ReactNode } from "react";
import type { ToolResult, Turn } from "../../agent/record";
import { CellView } from "../../components/cell/CellView";
import { FileLinks } from "../../components/markdown/file-links";
import { AnswerMarkdown } from "../../components/markdown/Markdown";
import type { CellStore } from "../../kernel/cell-store";
import { useCell } from "../../kernel/useCells";
import { GroundingNote } from "./GroundingNote";
import { Question } from "./Question";
import { TurnNotice } from "./TurnNotice";
import { formatCount } from "../../lib/count";

interface TurnViewProps {
  turn: Turn;
  cells: CellStore;
  onRerun: (cellId: string, code: string) => void;
  fileLink: (name: string) => ReactNode;
  onRetry?: () => void;
  /** Sends an edited question in this turn's place. */
  onResend?: (turnId: string, question: string) => void;
}

/**
 * One turn: the question, the model's steps with their cells, and the answer. Memoised, and its
 * cells each read their own: a step of the agent loop redraws the turn it is in, and in that turn
 * only the cell that changed, not every turn of the conversation.
 */
export const TurnView = memo(function TurnView({ turn, cells, onRerun, fileLink, onRetry, onResend }: TurnViewProps) {
  return (
    <article className="turn" aria-label="Turn" data-status={turn.status}>
      <Question text={turn.question} onResend={onResend && ((question) => onResend(turn.id, question))} />
      {turn.steps.map((step, i) => (
        <div key={i} className="step">
          {step.assistant.reasoning && (
            <details className="reasoning">
              <summary>Reasoning</summary>
              <p>{step.assistant.reasoning}</p>
            </details>
          )}
          {step.assistant.content && <p className="assistant-text">{step.assistant.content}</p>}
          {step.results.map((result) => (
            <StepResult key={result.callId} result={result} cells={cells} onRerun={onRerun} fileLink={fileLink} />
          ))}
        </div>
      ))}
      {turn.draft?.reasoning && (
        <details className="reasoning">
          <summary>Reasoning</summary>
          <p>{turn.draft.reasoning}</p>
        </details>
      )}
      {(turn.answer?.reasoning ?? "") && (
        <details className="reasoning">
          <summary>Reasoning</summary>
          <p>{turn.answer!.reasoning}</p>
        </details>
      )}
      {(turn.answer || turn.draft?.content) && (
        <div className="answer" aria-label="Answer">
          <FileLinks.Provider value={fileLink}>
            <AnswerMarkdown text={turn.answer?.content ?? turn.draft?.content ?? ""} />
          </FileLinks.Provider>
        </div>
      )}
      {turn.grounding && <GroundingNote report={turn.grounding} />}
      {turn.notice && <TurnNotice turn={turn} />}
      {onRetry && turn.status !== "running" && (
        <button type="button" className="secondary" onClick={onRetry}>
          Retry
        </button>
      )}
      {turn.usage.totalTokens !== undefined && <p className="usage">{formatCount(turn.usage.totalTokens)} tokens</p>}
    </article>
  );
});

type StepResultProps = { result: ToolResult } & Pick<TurnViewProps, "cells" | "onRerun" | "fileLink">;

/**
 * A tool call's result: the cell it ran, or what was said instead (no code to run, say). Memoised:
 * the turn redraws on every step, and the results of its earlier steps stay as they were.
 */
const StepResult = memo(function StepResult({ result, cells, onRerun, fileLink }: StepResultProps) {
  const cell = useCell(cells, result.cellId);
  return cell ? (
    <CellView cell={cell} onRerun={onRerun} fileLink={fileLink} />
  ) : (
    <p className="notice">{result.message}</p>
  );
});
