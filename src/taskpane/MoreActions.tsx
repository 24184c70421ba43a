/**
 * The header's "More actions": a disclosure (a toggle button that shows a row of buttons under the header)
 * rather than a popup menu, so the pane needs no positioning or menu library for two actions. Tab reaches
 * the actions after the toggle; Escape closes them and returns to the toggle; choosing one closes them.
 */
import { useId, useRef, useState } from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { Strings } from "./i18n";

const useStyles = makeStyles({
  toggle: { whiteSpace: "nowrap", flexShrink: 0 },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    justifyContent: "flex-end",
    gap: tokens.spacingHorizontalS,
  },
});

interface Props {
  t: Strings;
  repairDisabled: boolean;
  onValidate: () => void;
  onRepair: () => void;
}

/** The toggle, and under it (when open) the actions; laid out by the header as two rows. */
export function useMoreActions({ t, repairDisabled, onValidate, onRepair }: Props) {
  const styles = useStyles();
  const id = useId();
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const choose = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  const toggle = (
    <Button
      ref={toggleRef}
      className={styles.toggle}
      size="small"
      appearance="subtle"
      aria-expanded={open}
      aria-controls={open ? id : undefined}
      onClick={() => setOpen(!open)}
    >
      {t.more}
    </Button>
  );
  const actions = open && (
    <div
      id={id}
      role="group"
      aria-label={t.more}
      className={styles.actions}
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        setOpen(false);
        toggleRef.current?.focus();
      }}
    >
      <Button size="small" onClick={choose(onValidate)}>
        {t.validateNow}
      </Button>
      <Button size="small" onClick={choose(onRepair)} disabled={repairDisabled}>
        {t.repairNames}
      </Button>
    </div>
  );
  return { toggle, actions };
}
