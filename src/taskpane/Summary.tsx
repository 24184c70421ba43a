/**
 * The live summary: errors, warnings, blanks and the checks that wait for blanks, in a polite live region
 * (announced when they change, not on every keystroke), and the blank-cell reminder with "填写空白" and what
 * it would leave blank, and why.
 */
import { Button, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding } from "../checks/types";
import type { Checked } from "./checked";
import type { Lang, Strings } from "./i18n";
import { ErrorIcon, OkIcon, WarningIcon } from "./icons";
import { PaneSection } from "./PaneSection";

const useStyles = makeStyles({
  info: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  counts: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
  },
  count: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  reminder: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
});

interface Props {
  t: Strings;
  lang: Lang;
  info: string;
  counts: Checked["counts"];
  reading: boolean;
  filling: boolean;
  blanksShown: boolean;
  /** Blank totals that filling the blanks leaves blank, with the reason in their message. */
  leftBlank: Finding[];
  onFillBlanks: () => void;
  onToggleBlanks: () => void;
}

export function Summary({
  t,
  lang,
  info,
  counts,
  reading,
  filling,
  blanksShown,
  leftBlank,
  onFillBlanks,
  onToggleBlanks,
}: Props) {
  const styles = useStyles();
  const clean = counts.errors === 0 && counts.blanks === 0;
  return (
    <PaneSection id="nb-summary-title" title={t.summaryTitle}>
      <div className={styles.info}>{info}</div>
      <div
        className={styles.counts}
        aria-live="polite"
        aria-atomic="true"
        data-testid="summary-counts"
      >
        {clean ? (
          <span className={styles.count}>
            <OkIcon />
            {t.noErrors}
          </span>
        ) : (
          <span className={styles.count}>
            <ErrorIcon />
            {t.errorCount(counts.errors)}
          </span>
        )}
        <span className={styles.count}>
          <WarningIcon />
          {t.warningCount(counts.warnings)}
        </span>
        {counts.blanks > 0 && <span className={styles.count}>{t.blankCount(counts.blanks)}</span>}
        {counts.incomplete > 0 && (
          <span className={styles.count} data-testid="incomplete-count">
            {t.incompleteCount(counts.incomplete)}
          </span>
        )}
      </div>
      {reading && <Spinner size="extra-tiny" labelPosition="after" label={t.checking} />}
      {counts.blanks > 0 && (
        <div className={styles.reminder}>
          <span>{t.blanksReminder(counts.blanks)}</span>
          <Button
            size="small"
            onClick={onFillBlanks}
            disabled={filling}
            icon={filling ? <Spinner size="tiny" /> : undefined}
          >
            {t.fillBlanks}
          </Button>
          <Button
            size="small"
            appearance="subtle"
            aria-expanded={blanksShown}
            onClick={onToggleBlanks}
          >
            {blanksShown ? t.hideBlanks : t.showBlanks(counts.blanks)}
          </Button>
        </div>
      )}
      {leftBlank.length > 0 && (
        <div className={styles.info} data-testid="left-blank">
          {t.leftBlankTitle(leftBlank.length)}
          <ul>
            {leftBlank.map((f) => (
              <li key={f.cells[0]}>{(lang === "en" && f.messageEn) || f.message}</li>
            ))}
          </ul>
        </div>
      )}
    </PaneSection>
  );
}
