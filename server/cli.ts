// The `otmetka` command line. Exit codes: 0 done, 1 failed (the line says why), 2 bad arguments.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config';
import { normalizeName } from '../domain/person';
import { AppError } from './lib/errors';
import { systemClock } from './lib/clock';
import type { openConfiguredDatabase } from './main';

// Each command loads what it needs when it runs: a command that only reads a file, or fails on its
// arguments, does not load the server, the demo or the web build (a second or two per call).
const app = () => import('./main');

class UsageError extends Error {}

const usage = `Отметка — электронный журнал и дневник

Использование: otmetka <команда> [параметры]

Команды:
  start                      собрать веб-интерфейс при необходимости и запустить сервер (npm start)
  serve [--port N] [--host H]  запустить сервер
  migrate                    применить миграции базы данных
  demo [--schools N] [--seed N]
                             создать демонстрационные школы (в том числе в PostgreSQL)
  create-school --name "…" --short-name "…" [--time-zone Asia/Yekaterinburg]
                [--region "Пермский край"] [--region-code 59] [--municipality "г. Пермь"]
                             создать школу; печатает её идентификатор
  create-admin --school ID --login LOGIN --last-name "…" --first-name "…" [--middle-name "…"]
               [--role director|deputy|journalAdmin]
                             создать администратора школы; печатает одноразовый пароль
  create-area-admin --region КОД [--municipality "…"] --login LOGIN --last-name "…" --first-name "…"
                    [--middle-name "…"]
                             создать администратора региона (или муниципалитета): он назначает
                             директоров школ; печатает одноразовый пароль
  reset-password --login LOGIN
                             выдать новый одноразовый пароль и завершить сеансы
  timetable solve ФАЙЛ.fet [--seed N] [--time-limit С] [--out РЕЗУЛЬТАТ.xml]
                             составить расписание по файлу FET (зерно 1, 60 с); печатает оценку
                             (жёсткие нарушения, штраф мягких ограничений) и пишет результат как
                             FET (_activities.xml)
  timetable evaluate ФАЙЛ.fet РЕЗУЛЬТАТ_activities.xml
                             оценить готовое расписание (FET или наше) по задаче из файла FET
  timetable export-fet --school ИД|НАЗВАНИЕ [--year ГОД] [--out ФАЙЛ.fet]
                             выгрузить задачу расписания учебного года школы в формате FET
  help                       эта справка

База данных: DATABASE_URL (PostgreSQL) или встроенная PGlite в OTMETKA_DATA_DIR (./data).
Все настройки: .env.example.`;

type Options = NonNullable<ParseArgsConfig['options']>;

function parse<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError(`${command}: ${(err as Error).message}`);
  }
}

const required = (command: string, values: Record<string, unknown>, name: string): string => {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`${command}: не указан параметр --${name}`);
  return v.trim();
};

const intArg = (command: string, value: unknown, name: string, min: number, max: number): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${command}: --${name} должно быть целым числом от ${min} до ${max}, получено «${String(value)}»`);
  return n;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function withDatabase<T>(config: Config, run: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>): Promise<T> {
  const database = await (await app()).openConfiguredDatabase(config);
  try {
    await database.migrate();
    return await run(database);
  } finally {
    await database.close();
  }
}

export async function runCli(argv: string[], print: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const [command, ...args] = argv;
  const config = () => loadConfig();
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      print(usage);
      return command === undefined ? 2 : 0;

    case 'start':
    case 'serve': {
      const v = parse(command, args, { port: { type: 'string' }, host: { type: 'string' } });
      const base = config();
      const port = intArg(command, v.port, 'port', 0, 65535);
      const cfg = { ...base, ...(port === undefined ? {} : { port }), ...(v.host ? { host: v.host } : {}) };
      if (command === 'start') {
        const { buildWeb, webBuildIsStale } = await import('./web-build');
        if (webBuildIsStale()) {
          print('Сборка веб-интерфейса…');
          await buildWeb();
        }
      }
      await (await app()).serve(cfg, { print });
      return -1; // keeps running
    }

    case 'migrate': {
      parse(command, args, {});
      await withDatabase(config(), async () => undefined);
      print('Миграции применены.');
      return 0;
    }

    case 'demo': {
      const v = parse(command, args, { schools: { type: 'string' }, seed: { type: 'string' } });
      const schools = intArg(command, v.schools, 'schools', 1, 5000) ?? 1;
      const seed = intArg(command, v.seed, 'seed', 0, 2 ** 31 - 1);
      const { readDemoSetting } = await import('./features/identity/demo-info');
      const { seedDemoInstallation } = await import('./demo-install');
      await withDatabase(config(), async ({ db }) => {
        if (await readDemoSetting(db)) throw new AppError('DEMO_EXISTS', 409, 'Демонстрационные данные уже созданы в этой базе');
        const started = Date.now();
        const summary = await seedDemoInstallation(db, { schools, ...(seed === undefined ? {} : { seed }) });
        print(`Создано: школ ${summary.schools}, сотрудников ${summary.employees}, классов ${summary.classes}, учеников ${summary.students}, родителей ${summary.guardians} за ${((Date.now() - started) / 1000).toFixed(1)} с.`);
        print('Демо-логины: director, admin, teacher, classteacher, student, parent; пароль у всех: demo');
      });
      return 0;
    }

    case 'create-school': {
      const v = parse(command, args, {
        name: { type: 'string' }, 'short-name': { type: 'string' }, 'time-zone': { type: 'string' },
        region: { type: 'string' }, 'region-code': { type: 'string' }, municipality: { type: 'string' },
      });
      const input = {
        name: required(command, v, 'name'),
        shortName: required(command, v, 'short-name'),
        timeZone: v['time-zone'] ?? 'Asia/Yekaterinburg',
        regionName: v.region ?? 'Пермский край',
        regionCode: v['region-code'] ?? '59',
        municipalityName: v.municipality ?? 'г. Пермь',
      };
      const { createSchool, isTimeZone } = await import('./features/org/org.service');
      if (!isTimeZone(input.timeZone)) throw new UsageError(`${command}: неизвестный часовой пояс «${input.timeZone}» (пример: Asia/Yekaterinburg)`);
      const school = await withDatabase(config(), ({ db }) => createSchool(db, input));
      print(school.id);
      return 0;
    }

    case 'create-admin': {
      const v = parse(command, args, {
        school: { type: 'string' }, login: { type: 'string' }, 'last-name': { type: 'string' },
        'first-name': { type: 'string' }, 'middle-name': { type: 'string' }, role: { type: 'string' },
      });
      const { AdminRole, createAdmin } = await import('./features/identity/credentials');
      const schoolId = required(command, v, 'school');
      if (!uuidPattern.test(schoolId)) throw new UsageError(`${command}: --school должен быть идентификатором школы (UUID), получено «${schoolId}»`);
      const role = AdminRole.safeParse(v.role ?? 'director');
      if (!role.success) throw new UsageError(`${command}: --role может быть director, deputy или journalAdmin, получено «${String(v.role)}»`);
      const created = await withDatabase(config(), ({ db }) => createAdmin(db, systemClock, {
        schoolId, login: required(command, v, 'login'), lastName: required(command, v, 'last-name'),
        firstName: required(command, v, 'first-name'), middleName: v['middle-name']?.trim() || null, role: role.data,
      }));
      print(`Логин: ${created.login}`);
      print(`Одноразовый пароль: ${created.password}`);
      print('При первом входе пароль нужно сменить.');
      return 0;
    }

    case 'create-area-admin': {
      const v = parse(command, args, {
        region: { type: 'string' }, municipality: { type: 'string' }, login: { type: 'string' },
        'last-name': { type: 'string' }, 'first-name': { type: 'string' }, 'middle-name': { type: 'string' },
      });
      const input = {
        regionCode: required(command, v, 'region'),
        municipalityName: v.municipality === undefined ? null : required(command, v, 'municipality'),
        login: required(command, v, 'login'),
        lastName: required(command, v, 'last-name'),
        firstName: required(command, v, 'first-name'),
        middleName: v['middle-name']?.trim() || null,
      };
      const { loginPattern } = await import('./features/identity/credentials');
      const { createAreaAdmin } = await import('./features/access/area.service');
      if (!loginPattern.test(input.login.toLowerCase())) {
        throw new UsageError(`${command}: --login — 2–63 символа: латинские буквы, цифры, точка, дефис, подчёркивание, получено «${input.login}»`);
      }
      for (const [name, value] of [['last-name', input.lastName], ['first-name', input.firstName], ['middle-name', input.middleName]] as const) {
        const checked = normalizeName(value, `--${name}`);
        if (!checked.ok) throw new UsageError(`${command}: ${checked.message}`);
      }
      const created = await withDatabase(config(), ({ db }) => createAreaAdmin(db, systemClock, input));
      print(`${created.role === 'regionAdmin' ? 'Администратор региона' : 'Администратор муниципалитета'}: ${created.area}`);
      print(`Логин: ${created.login}`);
      print(`Одноразовый пароль: ${created.password}`);
      print('При первом входе пароль нужно сменить.');
      return 0;
    }

    case 'reset-password': {
      const v = parse(command, args, { login: { type: 'string' } });
      const { resetPassword } = await import('./features/identity/credentials');
      const result = await withDatabase(config(), ({ db }) => resetPassword(db, systemClock, required(command, v, 'login')));
      print(`Логин: ${result.login}`);
      print(`Одноразовый пароль: ${result.password}`);
      print('Все сеансы этой учётной записи завершены; при входе пароль нужно сменить.');
      return 0;
    }

    case 'timetable': {
      // Loaded only for these commands: the solver and the problem builder are not needed to start.
      const { runTimetableCli } = await import('./features/timetable/cli');
      return runTimetableCli(args, {
        print,
        note: (line) => process.stderr.write(`${line}\n`),
        usageError: (message) => new UsageError(message),
        withDatabase: (run) => withDatabase(config(), ({ db }) => run(db)),
        showProgress: process.stderr.isTTY === true,
      });
    }

    default:
      throw new UsageError(`неизвестная команда «${command}». Список команд: otmetka help`);
  }
}

export async function main(argv: string[]): Promise<void> {
  try {
    const code = await runCli(argv);
    if (code >= 0) process.exitCode = code;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`otmetka: ${err.message}\n`);
      process.exitCode = 2;
    } else if (err instanceof ConfigError) {
      process.stderr.write(`otmetka: ${err.message}\n`);
      process.exitCode = 2;
    } else if (err instanceof AppError) {
      process.stderr.write(`otmetka: ${err.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`otmetka: непредвиденная ошибка: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    }
  }
}
