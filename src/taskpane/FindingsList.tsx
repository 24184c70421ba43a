/**
 * Findings as a list of buttons (Tab reaches each, Enter/Space selects its cell), grouped by the report's
 * parts. Each shows its severity as icon and word, its message with the numbers, and the cell it concerns;
 * a fix button sits beside it when the checks know the value that resolves it.
 */
import { Button, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { formatNumber } from "../checks/messages";
import type { Finding } from "../checks/types";
import { cellDef } from "../templates/cells";
import type { FindingGroup, TemplateRead } from "./checked";
import { fixKey } from "./controller";
import { ErrorIcon, WarningIcon } from "./icons";
import { usePane } from "./pane-context";

const useStyles = makeStyles({
  heading: {
    margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXS}`,
    fontSize: tokens.fontSizeBase300,
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: "6px",
  },
  item: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS },
  fix: { whiteSpace: "nowrap", flexShrink: 0 },
  finding: {
    flexGrow: 1,
    minWidth: 0,
    textAlign: "start",
    font: "inherit",
    color: "inherit",
    cursor: "pointer",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  severity: {
    display: "inline-flex",
    alignItems: "center",
    gap: "4px",
    fontWeight: tokens.fontWeightSemibold,
  },
  message: { display: "block", overflowWrap: "anywhere" },
  detail: {
    display: "block",
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
});

/** Findings of this template: its format names the cells, its addresses say where they are. */
interface Of {
  template: TemplateRead;
}

export function FindingGroups({ groups, template }: Of & { groups: FindingGroup[] }) {
  const { t } = usePane();
  const styles = useStyles();
  return (
    <>
      {groups.map((g) => (
        <section key={g.id} aria-labelledby={`nb-group-${g.id}`}>
          <h3 id={`nb-group-${g.id}`} className={styles.heading}>
            {t.groupTitle(g.id)}
          </h3>
          <FindingList findings={g.findings} labelledBy={`nb-group-${g.id}`} template={template} />
        </section>
      ))}
    </>
  );
}

export function FindingList({
  findings,
  labelledBy,
  template,
}: Of & { findings: Finding[]; labelledBy: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-labelledby={labelledBy}>
      {findings.map((f, i) => (
        <FindingItem key={`${f.rule}:${f.cells.join(",")}:${i}`} finding={f} template={template} />
      ))}
    </ul>
  );
}

function FindingItem({ finding: f, template }: Of & { finding: Finding }) {
  const { controller, state, t, lang } = usePane();
  const { addresses, report } = template;
  const styles = useStyles();
  const message = lang === "en" ? (f.messageEn ?? f.message) : f.message;
  const address = addresses.get(f.cells[0]);
  const def = cellDef(report.format, f.cells[0]);
  const where = address ?? (def ? (lang === "en" ? def.labelEn : def.label) : f.cells[0]);
  const fixing = state.busy.has(fixKey(f));
  return (
    <li className={styles.item}>
      <button
        type="button"
        className={styles.finding}
        onClick={() => void controller.select(f.cells[0])}
      >
        <span className={styles.severity}>
          {f.severity === "error" ? <ErrorIcon /> : <WarningIcon />}
          {t.severity[f.severity]}
        </span>
        <span className={styles.message}>{message}</span>
        {f.expected !== undefined && f.actual !== undefined && (
          <span className={styles.detail}>
            {t.numbers(formatNumber(f.expected), formatNumber(f.actual))}
          </span>
        )}
        {address && <span className={styles.detail}>{t.cellAt(address)}</span>}
      </button>
      {f.fix !== undefined && (
        <Button
          className={styles.fix}
          size="small"
          onClick={() => void controller.fix(f)}
          disabled={fixing}
          icon={fixing ? <Spinner size="tiny" /> : undefined}
          aria-label={t.fixLabel(formatNumber(f.fix), where)}
        >
          {t.fixTo(formatNumber(f.fix))}
        </Button>
      )}
    </li>
  );
}
