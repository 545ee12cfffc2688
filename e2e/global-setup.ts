// Starts the real server once for all journeys: its own PGlite folder with two demo schools
// (the demo teacher works in both, so the school switcher shows).
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { childEnv, newDataDir, runCli, startServer, type RunningServer } from '../server/test/process';

let server: RunningServer | null = null;
let dir = '';

export async function setup(project: TestProject) {
  dir = newDataDir();
  const demo = await runCli(['demo', '--schools', '2'], childEnv(dir));
  if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}`);
  server = await startServer(dir);
  project.provide('baseUrl', server.url);
}

export async function teardown() {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
