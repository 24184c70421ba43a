/**
 * Names of the template that are missing or broken, shown before anything else, with "修复" (repair from
 * the layout plan; typed values are never overwritten).
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from "@fluentui/react-components";
import type { BindingProblem } from "../report/from-cells";
import type { RepairOutcome } from "./controller";
import type { Strings } from "./i18n";
import { ShortList } from "./ShortList";

/** A broken template can have hundreds of problems; the first few say enough. */
const SHOWN = 8;

interface Props {
  t: Strings;
  title: string;
  intro: string;
  problems: BindingProblem[];
  repairing: boolean;
  outcome?: RepairOutcome;
  onRepair: () => void;
}

export function BindingProblems({
  t,
  title,
  intro,
  problems,
  repairing,
  outcome,
  onRepair,
}: Props) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        <div>{intro}</div>
        <ProblemList t={t} problems={problems} />
        {outcome && <div>{t.repaired(outcome.repaired.length)}</div>}
        {outcome && outcome.failed.length > 0 && (
          <>
            <div>{t.repairFailed(outcome.failed.length)}</div>
            <ProblemList t={t} problems={outcome.failed} />
          </>
        )}
      </MessageBarBody>
      {problems.length > 0 && (
        <MessageBarActions>
          <Button
            onClick={onRepair}
            disabled={repairing}
            icon={repairing ? <Spinner size="tiny" /> : undefined}
          >
            {t.repair}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

function ProblemList({ t, problems }: { t: Strings; problems: BindingProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ShortList items={problems} shown={SHOWN} more={t.moreItems} itemKey={(p) => p.name}>
      {(p) => t.problem(p)}
    </ShortList>
  );
}
