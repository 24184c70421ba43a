import type { Server } from "node:http";

export interface WorkbenchServer {
  server: Server;
  port: number;
  /** "http://127.0.0.1:PORT/" */
  url: string;
  close(): Promise<void>;
}

export function startServer(options?: {
  port?: number;
  dist?: string;
  workbench?: string;
}): Promise<WorkbenchServer>;

export function rewriteTaskpane(html: string): string;
