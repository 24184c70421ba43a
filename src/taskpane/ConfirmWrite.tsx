/**
 * The question of the confirm-and-write flow (write-flow.ts), shown by the panel that asked it: nothing is
 * written unless the user confirms; confirming plans again and may ask again with a new number.
 */
import type { ReactNode } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import type { OpId } from "./i18n";
import { usePane } from "./pane-context";
import type { WriteOutcome, WritePlan, WriteSource } from "./write-flow";

interface Props<P extends WritePlan, R> {
  source: WriteSource;
  op: OpId;
  /** The busy key of the panel's writes: the buttons wait while it runs. */
  busyKey: string;
  confirmLabel: string;
  /** The question, with the plan's numbers. */
  question: (plan: P) => ReactNode;
  /** What the panel says once written (or refused on the second plan). */
  onOutcome: (outcome: WriteOutcome<P, R>) => void;
}

export function ConfirmWrite<P extends WritePlan, R = never>({
  source,
  op,
  busyKey,
  confirmLabel,
  question,
  onOutcome,
}: Props<P, R>) {
  const { controller, state, t } = usePane();
  const pending = state.pendingWrite;
  if (pending?.source !== source) return null;
  const busy = state.busy.has(busyKey);
  const confirm = async () => {
    const outcome = await controller.run(op, busyKey, () => controller.confirmWrite());
    // The plan is the panel's own (its source); the flow keeps it as a plain WritePlan.
    if (outcome) onOutcome(outcome as WriteOutcome<P, R>);
  };
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>{question(pending.plan as P)}</MessageBarBody>
      <MessageBarActions>
        <Button onClick={() => void confirm()} disabled={busy}>
          {confirmLabel}
        </Button>
        <Button onClick={() => controller.cancelWrite()} disabled={busy}>
          {t.cancel}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
