/**
 * A stub of the global `Office` object: what the add-in's start-up and feature detection read.
 * `isSetSupported` answers from the configured requirement sets.
 */
import type { Requirements } from "./requirements";

export type SimPlatform = "PC" | "Mac" | "OfficeOnline";

export interface SimOffice {
  onReady(
    callback?: (info: { host: string; platform: string }) => void
  ): Promise<{ host: string; platform: string }>;
  context: {
    requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
    platform: SimPlatform;
    /** Excel on the web partitions the pane's storage; elsewhere the key is undefined. */
    partitionKey: string | undefined;
    displayLanguage: string;
    contentLanguage: string;
    host: string;
    diagnostics: { host: string; platform: SimPlatform; version: string };
  };
  HostType: Record<string, string>;
  PlatformType: Record<string, string>;
}

/** The partition key of the simulated Excel on the web (a real one is opaque to the add-in too). */
const SIM_PARTITION_KEY = "sim-partition";

export function createOffice(
  requirements: Requirements,
  platform: SimPlatform,
  displayLanguage: string
): SimOffice {
  const info = { host: "Excel", platform };
  return {
    onReady(callback) {
      if (callback) setTimeout(() => callback(info), 0);
      return Promise.resolve(info);
    },
    context: {
      requirements: {
        isSetSupported: (name, minVersion) => requirements.isSetSupported(name, minVersion),
      },
      platform,
      partitionKey: platform === "OfficeOnline" ? SIM_PARTITION_KEY : undefined,
      displayLanguage,
      contentLanguage: displayLanguage,
      host: "Excel",
      diagnostics: { host: "Excel", platform, version: "16.0.0.0" },
    },
    HostType: {
      Word: "Word",
      Excel: "Excel",
      PowerPoint: "PowerPoint",
      Outlook: "Outlook",
      OneNote: "OneNote",
      Project: "Project",
      Access: "Access",
    },
    PlatformType: {
      PC: "PC",
      OfficeOnline: "OfficeOnline",
      Mac: "Mac",
      iOS: "iOS",
      Android: "Android",
      Universal: "Universal",
    },
  };
}
