/**
 * The one export gate, for the pane, the command line and the renderers alike: a report with errors (blank
 * cells included, they are completeness errors) is not exported as final; a draft may be asked for, and is
 * then marked as one.
 */
import type { Finding, ValidationResult } from "./types";

export interface ExportDecision {
  /** Whether anything may be written. */
  allowed: boolean;
  /** What is written is a draft: it was asked for and errors remain. */
  draft: boolean;
  /** The errors that stand in the way of a final export, in the findings' order. */
  blocking: Finding[];
}

export function exportGate(result: ValidationResult, draftAsked = false): ExportDecision {
  const blocking = result.findings.filter((f) => f.severity === "error");
  const draft = blocking.length > 0 && draftAsked;
  return { allowed: blocking.length === 0 || draftAsked, draft, blocking };
}
