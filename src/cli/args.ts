/** Reading a command's arguments, as every `nianbao` command does. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Io } from "./index";

/**
 * parseArgs, with a misuse (an unknown option, a missing value) said on stderr as `nianbao COMMAND: …`
 * followed by the usage; undefined then, and the command exits 2.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(
  command: string,
  config: T,
  io: Io,
  usage: string
): ReturnType<typeof parseArgs<T>> | undefined {
  try {
    return parseArgs(config);
  } catch (error) {
    io.err(`nianbao ${command}: ${(error as Error).message}\n\n${usage}`);
    return undefined;
  }
}
