/**
 * The header's "More" menu (validate now, repair names). Loaded after the first screen: Fluent's menu and
 * its positioning are a large part of the pane's code, and the first screen does not need them open.
 */
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

export function MoreMenu({ t, className, repairDisabled, onValidate, onRepair }: MoreMenuProps) {
  return (
    <Menu>
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
