/**
 * The header's "More" menu (validate now, repair names). Fluent's menu and its positioning are a large
 * part of the pane's code, and the first screen does not need them: until the user first opens the menu,
 * the header shows a plain button (MoreButton) that loads this on the first click.
 */
import { useState } from "react";
import {
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
} from "@fluentui/react-components";
import type { Strings } from "./i18n";

export interface MoreMenuProps {
  t: Strings;
  className: string;
  repairDisabled: boolean;
  onValidate: () => void;
  onRepair: () => void;
}

/** Opens at once: it is loaded when the user first asks for it (MoreButton). */
export function MoreMenu({ t, className, repairDisabled, onValidate, onRepair }: MoreMenuProps) {
  const [open, setOpen] = useState(true);
  return (
    <Menu open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton className={className} size="small" appearance="subtle">
          {t.more}
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem onClick={onValidate}>{t.validateNow}</MenuItem>
          <MenuItem onClick={onRepair} disabled={repairDisabled}>
            {t.repairNames}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
