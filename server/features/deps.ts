// What every feature's routes receive from buildApp.
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { Clock } from '../lib/clock';
import type { Jobs } from '../lib/jobs';
import type { AccessService } from './access/access.service';
import type { IdentityService } from './identity/identity.service';

export type FeatureDeps = {
  database: Database;
  config: Config;
  clock: Clock;
  access: AccessService;
  identity: IdentityService;
  /** The job queue (background work: timetable runs, …). */
  jobs: Jobs;
};
