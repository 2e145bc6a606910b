import { Component, type ReactNode } from "react";
import { messageOf } from "../../lib/message-of";

interface Props {
  /** What failed to draw, for the sentence shown in its place: "This cell". */
  what: string;
  /** Shown instead of that sentence (the same content, drawn more simply). */
  fallback?: ReactNode;
  children: ReactNode;
}

/**
 * Keeps a part of the page that fails to draw (a record saved broken, by an older version or a
 * crash) from taking the whole page with it, on this visit and every one after: that part says
 * so, and the rest of the conversation, and the app, go on.
 */
export class ErrorBoundary extends Component<Props, { error: unknown }> {
  state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error: error ?? new Error("unknown") };
  }

  render() {
    if (this.state.error === null) return this.props.children;
    if (this.props.fallback !== undefined) return this.props.fallback;
    return (
      <p role="alert" className="notice">
        {this.props.what} could not be shown ({messageOf(this.state.error)}).
      </p>
    );
  }
}
