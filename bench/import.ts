// bench:import — a 100k-row Контингент file through the whole import: upload and dry run, apply,
// a re-import of the same file (every row unchanged), and the same as XLSX into a second school.
// On PostgreSQL when DATABASE_URL is set (in a scratch database created and dropped here), else
// on in-memory PGlite. Prints rows per second of each phase.
//
//   npm run bench:import                 # PGlite
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:import
//   ROWS=20000 npm run bench:import      # a smaller file
import { randomBytes } from 'node:crypto';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { openDatabase, type Database } from '../server/db/client';
import { accounts, classes, municipalities, regions, schoolRoleGrants, schools } from '../server/db/schema';
import { contingentHeader, contingentRows, csvFile, xlsxFile } from '../server/features/imports/fixtures';
import { localDateOf } from '../server/lib/local-date';
import { hashPassword } from '../server/lib/passwords';
import { adminQuery, databaseUrlWith } from '../server/test/postgres';
import { academicYearOfDate } from '../domain/school-year';
import type { ImportJobDto } from '../contracts/imports';

const rows = Number(process.env.ROWS ?? 100_000);
const timeZone = 'Europe/Moscow';
const letters = ['А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'З', 'И', 'К'];
const classNames = Array.from({ length: 11 }, (_, g) => letters.map((l) => `${g + 1}${l}`)).flat();

const seconds = (ms: number): string => (ms / 1000).toFixed(1);
const rate = (n: number, ms: number): string => Math.round(n / (ms / 1000)).toLocaleString('ru-RU');
let peakRss = 0;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 200);

async function open(): Promise<{ database: Database; done(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ dataDir: null });
    return { database, done: () => database.close() };
  }
  const name = `otmetka_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(url, `create database ${name}`);
  const database = await openDatabase({ databaseUrl: databaseUrlWith(url, name), poolSize: 4 });
  return {
    database,
    async done() {
      await database.close();
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    },
  };
}

async function main() {
  const { database, done } = await open();
  try {
    await database.migrate();
    const db = database.db;
    const academicYear = academicYearOfDate(localDateOf(new Date(), timeZone));
    const [region] = await db.insert(regions).values({ code: `b${randomBytes(3).toString('hex')}`, name: 'Пермский край' }).returning();
    const [municipality] = await db.insert(municipalities).values({ regionId: region!.id, name: 'г. Пермь' }).returning();
    const [account] = await db.insert(accounts).values({
      login: 'bench-director', passwordHash: await hashPassword('bench password'), mustChangePassword: false, lastName: 'Иванова', firstName: 'Анна', middleName: null,
    }).returning();
    const newSchool = async (name: string): Promise<string> => {
      const [school] = await db.insert(schools).values({ municipalityId: municipality!.id, name, shortName: name, timeZone }).returning();
      await db.insert(schoolRoleGrants).values({ schoolId: school!.id, accountId: account!.id, role: 'director' });
      await db.insert(classes).values(classNames.map((c) => ({ schoolId: school!.id, academicYear, grade: Number.parseInt(c, 10), letter: c.slice(-1) })));
      return school!.id;
    };

    const app = await buildApp({ database, config: loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' }), serveWeb: false });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'bench-director', password: 'bench password' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const headers = { cookie, 'x-csrf-token': login.json().csrfToken as string };

    /** Upload and wait for the dry run; returns the job and the times of reading and of the whole. */
    const dryRun = async (schoolId: string, body: Uint8Array, fileName: string) => {
      const started = performance.now();
      const res = await app.inject({
        method: 'POST', url: `/api/v1/schools/${schoolId}/imports?kind=students`, payload: Buffer.from(body),
        headers: { ...headers, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) },
      });
      if (res.statusCode !== 202) throw new Error(`upload: ${res.statusCode} ${res.body}`);
      const read = performance.now() - started;
      let job = res.json() as ImportJobDto;
      while (job.status === 'analysing') {
        await new Promise((r) => setTimeout(r, 100));
        job = (await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/imports/${job.id}`, headers: { cookie } })).json();
      }
      if (job.status !== 'ready') throw new Error(`analysis ${job.status}: ${job.errorMessage}`);
      return { job, read, total: performance.now() - started };
    };
    const apply = async (schoolId: string, jobId: string) => {
      const started = performance.now();
      const res = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/imports/${jobId}/apply`, headers });
      if (res.statusCode !== 200) throw new Error(`apply: ${res.statusCode} ${res.body}`);
      return { job: res.json() as ImportJobDto, ms: performance.now() - started };
    };
    const counts = (j: ImportJobDto) => `создать ${j.counts.create}, обновить ${j.counts.update}, без изменений ${j.counts.unchanged}, отклонено ${j.counts.rejected}`;

    console.log(`bench:import — ${rows.toLocaleString('ru-RU')} строк Контингента, база: ${database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite (в памяти)'}`);
    const data = contingentRows(rows, { classes: classNames });
    const csv = csvFile(contingentHeader, data, { encoding: 'windows-1251' });
    console.log(`CSV (Windows-1251): ${(csv.byteLength / 1024 / 1024).toFixed(1)} МБ`);

    const schoolA = await newSchool('Школа CSV');
    const first = await dryRun(schoolA, csv, 'Контингент.csv');
    console.log(`  проверка:     ${seconds(first.total)} с, ${rate(rows, first.total)} строк/с (чтение файла ${seconds(first.read)} с) — ${counts(first.job)}`);
    const applied = await apply(schoolA, first.job.id);
    console.log(`  применение:   ${seconds(applied.ms)} с, ${rate(rows, applied.ms)} строк/с`);
    const again = await dryRun(schoolA, csv, 'Контингент.csv');
    console.log(`  повтор файла: ${seconds(again.total)} с, ${rate(rows, again.total)} строк/с — ${counts(again.job)}`);
    const reapplied = await apply(schoolA, again.job.id);
    console.log(`  применение повтора: ${seconds(reapplied.ms)} с, ${rate(rows, reapplied.ms)} строк/с (ничего не пишется)`);

    const generating = performance.now();
    const xlsx = await xlsxFile(contingentHeader, data, { titleRows: [['Список обучающихся']] });
    console.log(`XLSX: ${(xlsx.byteLength / 1024 / 1024).toFixed(1)} МБ (создан за ${seconds(performance.now() - generating)} с)`);
    const schoolB = await newSchool('Школа XLSX');
    const fromXlsx = await dryRun(schoolB, xlsx, 'Контингент.xlsx');
    console.log(`  проверка:     ${seconds(fromXlsx.total)} с, ${rate(rows, fromXlsx.total)} строк/с (чтение файла ${seconds(fromXlsx.read)} с) — ${counts(fromXlsx.job)}`);
    const appliedXlsx = await apply(schoolB, fromXlsx.job.id);
    console.log(`  применение:   ${seconds(appliedXlsx.ms)} с, ${rate(rows, appliedXlsx.ms)} строк/с`);
    console.log(`Пиковая память процесса: ${Math.round(peakRss / 1024 / 1024)} МБ`);
    await app.close();
  } finally {
    clearInterval(sampler);
    await done();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
