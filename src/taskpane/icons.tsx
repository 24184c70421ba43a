/**
 * Three small status icons, drawn inline: @fluentui/react-icons is not a direct dependency, and three
 * shapes do not need it. Always shown next to a word, so status never rests on colour alone.
 */
import { tokens } from "@fluentui/react-components";

const box = {
  width: 16,
  height: 16,
  viewBox: "0 0 16 16",
  "aria-hidden": true,
  focusable: false,
} as const;

export function ErrorIcon() {
  return (
    <svg {...box} fill={tokens.colorPaletteRedForeground1}>
      <circle cx="8" cy="8" r="7" />
      <path d="M5.5 5.5l5 5m0-5l-5 5" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

export function WarningIcon() {
  return (
    <svg {...box} fill={tokens.colorPaletteDarkOrangeForeground1}>
      <path d="M8 1.2L15.2 14.4H0.8z" />
      <path d="M8 6v4" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
      <circle cx="8" cy="12.2" r="0.9" fill="#fff" />
    </svg>
  );
}

export function OkIcon() {
  return (
    <svg {...box} fill={tokens.colorPaletteGreenForeground1}>
      <circle cx="8" cy="8" r="7" />
      <path
        d="M4.8 8.2l2.2 2.2 4.2-4.6"
        stroke="#fff"
        strokeWidth="1.6"
        fill="none"
        strokeLinecap="round"
      />
    </svg>
  );
}
