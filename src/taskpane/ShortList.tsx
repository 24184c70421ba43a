/**
 * A bulleted list of the first `shown` items and a last line counting the rest: a broken file can have
 * hundreds of problems, and the pane must stay short enough to read.
 */
import type { ReactNode } from "react";
import { makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({ list: { margin: "4px 0", paddingInlineStart: "20px" } });

interface Props<T> {
  items: readonly T[];
  shown: number;
  more: (n: number) => string;
  itemKey: (item: T, index: number) => string | number;
  children: (item: T) => ReactNode;
}

export function ShortList<T>({ items, shown, more, itemKey, children }: Props<T>) {
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {items.slice(0, shown).map((item, i) => (
        <li key={itemKey(item, i)}>{children(item)}</li>
      ))}
      {items.length > shown && <li>{more(items.length - shown)}</li>}
    </ul>
  );
}
