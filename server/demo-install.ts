// Seeds the demo school(s) and marks the installation as a demo, so that the login page and
// the layout show the demo banner and logins.
import type { Db } from './db/client';
import { demoLogins, seedDemo, type DemoSummary } from './db/demo/generate';
import { recordDemoLogins } from './features/identity/demo-info';

export async function seedDemoInstallation(db: Db, options: { schools?: number; seed?: number }): Promise<DemoSummary> {
  const summary = await seedDemo(db, options);
  await recordDemoLogins(db, demoLogins);
  return summary;
}
