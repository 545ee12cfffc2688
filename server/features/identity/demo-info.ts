// What the login page may say about the installation: its name, the enabled login providers and,
// on a demo installation only, the demo logins. Seeding the demo school records them in the 'demo' setting.
import { z } from 'zod';
import type { PublicInfoDto } from '../../../contracts/identity';
import type { SsoProviderConfig } from '../../config';
import type { Queryable } from '../../db/client';
import { readSetting, writeSetting } from './identity.repo';

const DemoSetting = z.object({ logins: z.array(z.object({ login: z.string(), title: z.string() })) });

export async function readDemoSetting(db: Queryable): Promise<z.infer<typeof DemoSetting> | null> {
  const parsed = DemoSetting.safeParse(await readSetting(db, 'demo'));
  return parsed.success ? parsed.data : null;
}

export async function publicInfoOf(db: Queryable, sso: readonly SsoProviderConfig[] = []): Promise<PublicInfoDto> {
  const demo = await readDemoSetting(db);
  return {
    name: 'Отметка',
    demo: demo !== null,
    demoLogins: demo?.logins ?? [],
    // Only the key and the title: issuers and client ids are nobody's business on the login page.
    ssoProviders: sso.map(({ key, title }) => ({ key, title })),
  };
}

export async function recordDemoLogins(db: Queryable, logins: readonly { login: string; title: string }[]): Promise<void> {
  await writeSetting(db, 'demo', { logins: logins.map(({ login, title }) => ({ login, title })) });
}
