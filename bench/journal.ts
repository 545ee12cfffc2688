// bench:journal — the journal at region scale on PostgreSQL (issue 6, «Speed»): the multi-school
// demo generator at 100 schools with their journals, then
//   1. the journal grid (GET …/journal/grid) of many classes and groups × subjects of many schools,
//      server time (Fastify's reply.elapsedTime, taken in an onResponse hook), warm-up excluded;
//   2. mark entry: 50 teachers of different schools, each logged in with a session of their own,
//      post columns of marks for their own lessons (POST …/journal/lessons/:id/marks with an
//      Idempotency-Key) for 20 s; then every acknowledged mark is looked for in `marks` with its
//      audit row, and the rows written are counted against the acknowledgements.
// In a scratch database created and dropped here (DATABASE_URL names the server; default
// postgres://postgres@127.0.0.1:5432/postgres). The app runs in this process (buildApp + inject).
//
//   npm run bench:journal
//   SCHOOLS=20 FULL=5 SECONDS=10 npm run bench:journal     # smaller
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/client';
import { seedDemo } from '../server/db/demo/generate';
import { localDate } from '../server/db/demo/journal';
import {
  accounts, controlForms, employees, enrollments, journalAudit, journalLessons, marks, schoolRoleGrants, studyGroupMembers, teachingLoads,
} from '../server/db/schema';
import { hashPassword } from '../server/lib/passwords';
import { adminQuery, databaseUrlWith } from '../server/test/postgres';
import { addDays } from '../domain/calendar';

const schoolCount = Number(process.env.SCHOOLS ?? 100);
/** Schools whose journal is the whole term (the others get `weeks` weeks). */
const fullSchools = Number(process.env.FULL ?? 10);
const weeks = Number(process.env.WEEKS ?? 1);
const gridRequests = Number(process.env.GRIDS ?? 600);
const gridWarmUp = 60;
const teacherCount = Number(process.env.TEACHERS ?? 50);
const entrySeconds = Number(process.env.SECONDS ?? 20);
const targets = { gridP95Ms: 50, marksPerSecond: 1000 };
const timeZone = 'Asia/Yekaterinburg';

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number): string => `${x.toFixed(1)} ms`;

async function main() {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `otmetka_bench_journal_${randomBytes(4).toString('hex')}`;
  await adminQuery(url, `create database ${name}`);
  const database = await openDatabase({ databaseUrl: databaseUrlWith(url, name), poolSize: 20 });
  try {
    await database.migrate();
    const db = database.db;
    const today = localDate(new Date(), timeZone);
    // AS_OF: the date the journal is generated up to (its day before), e.g. the end of the term, to
    // measure the grid of a term filled to its end; the server itself keeps the real date.
    const asOf = process.env.AS_OF ?? today;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || asOf < today) throw new Error(`AS_OF: ожидается дата ГГГГ-ММ-ДД не раньше сегодняшней (${today})`);
    const passwordHash = await hashPassword('bench password');

    console.log(`Генерация: ${schoolCount} школ; журнал — весь текущий триместр/четверть до ${asOf === today ? 'вчера' : `${asOf} (не включая)`} у первых ${fullSchools}, последние ${weeks} нед. у остальных…`);
    let started = performance.now();
    const summary = await seedDemo(db, { schools: schoolCount, passwordHash, journal: { today: asOf, weeks, fullTermSchools: fullSchools } });
    const seedSeconds = (performance.now() - started) / 1000;
    console.log(`  школ ${summary.schools}, учеников ${summary.students}, учителей и др. ${summary.employees}; журнал: уроков ${summary.journal.lessons}, отметок ${summary.journal.marks}, посещаемость ${summary.journal.attendance}, д/з ${summary.journal.homework}, аудит ${summary.journal.audit} — за ${seedSeconds.toFixed(0)} с`);
    await db.execute(sql`analyze`);

    const app = await buildApp({ database, config: loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_POOL_SIZE: '20' }), serveWeb: false });
    const serverTimes = new Map<string, number>();
    app.addHook('onResponse', async (req, reply) => { serverTimes.set(String(req.headers['x-bench-id']), reply.elapsedTime); });
    await app.ready();
    const loginAs = async (login: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password: 'bench password' } });
      if (res.statusCode !== 200) throw new Error(`login ${login}: ${res.statusCode} ${res.body}`);
      return { cookie: String(res.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': res.json().csrfToken as string };
    };

    // --- 1. The grid ------------------------------------------------------------------------
    const measured = summary.schoolIds.slice(0, Math.max(1, fullSchools));
    const [director] = await db.insert(accounts).values({ login: 'bench-deputy', passwordHash, mustChangePassword: false, lastName: 'Иванова', firstName: 'Анна', middleName: null }).returning();
    await db.insert(schoolRoleGrants).values(measured.map((schoolId) => ({ schoolId, accountId: director!.id, role: 'deputy' as const })));
    const deputy = await loginAs('bench-deputy');
    const loads = await db.select({ schoolId: teachingLoads.schoolId, subjectId: teachingLoads.subjectId, classId: teachingLoads.classId, studyGroupId: teachingLoads.studyGroupId })
      .from(teachingLoads).where(inArray(teachingLoads.schoolId, measured));
    const order = loads.map((l) => ({ l, k: Math.random() })).sort((a, b) => a.k - b.k).map((x) => x.l);
    const gridTimes: number[] = [];
    const cells: number[] = [];
    let failed = 0;
    for (let i = 0; i < gridWarmUp + gridRequests; i++) {
      const l = order[i % order.length]!;
      const query = new URLSearchParams({ subjectId: l.subjectId, ...(l.classId ? { classId: l.classId } : { studyGroupId: l.studyGroupId! }) });
      const id = randomUUID();
      const res = await app.inject({ method: 'GET', url: `/api/v1/schools/${l.schoolId}/journal/grid?${query}`, headers: { cookie: deputy.cookie, 'x-bench-id': id } });
      if (res.statusCode !== 200) {
        failed += 1;
        if (failed <= 3) console.log(`  grid ${res.statusCode}: ${res.body.slice(0, 300)}`);
        continue;
      }
      if (i < gridWarmUp) continue;
      gridTimes.push(serverTimes.get(id)!);
      const body = res.json() as { cells: unknown[]; lessons: unknown[]; students: unknown[] };
      cells.push(body.cells.length);
    }
    const gridP95 = pct(gridTimes, 95);
    console.log(`\nСетка журнала: ${gridTimes.length} запросов по ${new Set(order.slice(0, gridWarmUp + gridRequests).map((l) => `${l.schoolId}|${l.subjectId}|${l.classId ?? l.studyGroupId}`)).size} журналам ${measured.length} школ (${gridWarmUp} на разогрев не считаются), ошибок ${failed}`);
    console.log(`  время сервера p50 ${ms(pct(gridTimes, 50))}, p95 ${ms(gridP95)}, p99 ${ms(pct(gridTimes, 99))} (цель p95 ≤ ${targets.gridP95Ms} мс); непустых клеток в среднем ${Math.round(cells.reduce((s, x) => s + x, 0) / Math.max(1, cells.length))}`);

    // --- 2. Mark entry ----------------------------------------------------------------------
    // Teachers of different schools with lessons in the entry window (the last week up to yesterday).
    const since = addDays(today, -6);
    const teacherRows = await db.execute(sql`
      select distinct on (j.school_id, j.employee_id) j.school_id as "schoolId", j.employee_id as "employeeId"
      from ${journalLessons} j where j.date >= ${since} and j.date < ${today}
      order by j.school_id, j.employee_id`) as unknown as { rows: { schoolId: string; employeeId: string }[] };
    const bySchool = new Map<string, { schoolId: string; employeeId: string }[]>();
    for (const r of teacherRows.rows) bySchool.set(r.schoolId, [...(bySchool.get(r.schoolId) ?? []), r]);
    const chosen: { schoolId: string; employeeId: string }[] = [];
    for (let round = 0; chosen.length < teacherCount && round < 50; round++) {
      for (const list of bySchool.values()) if (list[round] && chosen.length < teacherCount) chosen.push(list[round]!);
    }
    type Work = { lessonId: string; students: string[] }[];
    const teachers: { session: { cookie: string; 'x-csrf-token': string }; schoolId: string; formId: string; work: Work; accountId: string }[] = [];
    for (const [n, t] of chosen.entries()) {
      const [account] = await db.insert(accounts).values({ login: `bench-teacher-${n}`, passwordHash, mustChangePassword: false, lastName: 'Учитель', firstName: String(n), middleName: null }).returning();
      await db.update(employees).set({ accountId: account!.id }).where(and(eq(employees.schoolId, t.schoolId), eq(employees.id, t.employeeId)));
      await db.insert(schoolRoleGrants).values({ schoolId: t.schoolId, accountId: account!.id, role: 'subjectTeacher' });
      const lessons = await db.select().from(journalLessons)
        .where(and(eq(journalLessons.schoolId, t.schoolId), eq(journalLessons.employeeId, t.employeeId), gte(journalLessons.date, since), lt(journalLessons.date, today)));
      const work: Work = [];
      for (const l of lessons) {
        const students = l.classId
          ? await db.select({ id: enrollments.studentId }).from(enrollments).where(and(eq(enrollments.schoolId, t.schoolId), eq(enrollments.classId, l.classId)))
          : await db.select({ id: studyGroupMembers.studentId }).from(studyGroupMembers).where(and(eq(studyGroupMembers.schoolId, t.schoolId), eq(studyGroupMembers.studyGroupId, l.studyGroupId!)));
        work.push({ lessonId: l.id, students: students.map((s) => s.id) });
      }
      const [form] = await db.select({ id: controlForms.id }).from(controlForms).where(and(eq(controlForms.schoolId, t.schoolId), eq(controlForms.name, 'Ответ на уроке')));
      teachers.push({ session: await loginAs(`bench-teacher-${n}`), schoolId: t.schoolId, formId: form!.id, work, accountId: account!.id });
    }
    console.log(`\nВвод отметок: ${teachers.length} учителей из ${new Set(teachers.map((t) => t.schoolId)).size} школ, столбцами по уроку, ${entrySeconds} с…`);

    const acked: string[] = [];
    const latencies: number[] = [];
    const refused = new Map<string, number>();
    let retriesSame = 0;
    started = performance.now();
    const until = started + entrySeconds * 1000;
    await Promise.all(teachers.map(async (t) => {
      let k = 0;
      while (performance.now() < until && t.work.length > 0) {
        const lesson = t.work[k++ % t.work.length]!;
        // A student who was absent may still be marked (the core checks the group, not attendance); the family-education ones are refused.
        const payload = { marks: lesson.students.map((studentId) => ({ studentId, controlFormId: t.formId, value: 2 + Math.floor(Math.random() * 4) })) };
        const key = randomUUID();
        const res = await app.inject({
          method: 'POST', url: `/api/v1/schools/${t.schoolId}/journal/lessons/${lesson.lessonId}/marks`, payload,
          headers: { ...t.session, 'idempotency-key': key, 'x-bench-id': key },
        });
        latencies.push(serverTimes.get(key) ?? Number.NaN);
        if (res.statusCode === 201) {
          for (const m of (res.json() as { items: { id: string }[] }).items) acked.push(m.id);
          // Now and then the client retries the same request: the same answer, nothing written twice.
          if (Math.random() < 0.02) {
            const again = await app.inject({
              method: 'POST', url: `/api/v1/schools/${t.schoolId}/journal/lessons/${lesson.lessonId}/marks`, payload,
              headers: { ...t.session, 'idempotency-key': key },
            });
            if (again.statusCode === 201) retriesSame += 1;
          }
        } else {
          const code = `${res.statusCode} ${(res.json() as { error?: { code?: string } }).error?.code ?? ''}`;
          refused.set(code, (refused.get(code) ?? 0) + 1);
          // Drop a lesson the core refuses (e.g. a student outside the group on that date).
          t.work.splice((k - 1) % t.work.length, 1);
        }
      }
    }));
    const elapsed = (performance.now() - started) / 1000;
    const perSecond = acked.length / elapsed;
    const latencyP95 = pct(latencies.filter((x) => !Number.isNaN(x)), 95);

    // Zero lost: every acknowledged mark is stored with its audit row, and nothing more was written.
    let stored = 0;
    let audited = 0;
    for (let i = 0; i < acked.length; i += 5000) {
      const part = acked.slice(i, i + 5000);
      stored += await db.$count(marks, inArray(marks.id, part));
      audited += await db.$count(journalAudit, and(eq(journalAudit.entityType, 'mark'), eq(journalAudit.action, 'create'), inArray(journalAudit.entityId, part)));
    }
    const written = await db.$count(marks, inArray(marks.createdBy, teachers.map((t) => t.accountId)));
    const zeroLost = stored === acked.length && audited === acked.length && written === acked.length;
    console.log(`  подтверждено отметок ${acked.length} за ${elapsed.toFixed(1)} с: ${Math.round(perSecond)} отметок/с (цель ≥ ${targets.marksPerSecond}); p95 запроса (время сервера) ${ms(latencyP95)}`);
    console.log(`  проверка: в marks ${stored}, с записью аудита ${audited}, всего записано этими учителями ${written}, повторов с тем же ключом ${retriesSame} — ${zeroLost ? 'ничего не потеряно и не задвоено' : 'РАСХОЖДЕНИЕ'}`);
    if (refused.size > 0) console.log(`  отказы: ${[...refused].map(([c, n]) => `${c} × ${n}`).join(', ')}`);

    console.log('\n| показатель | значение | цель | выполнено |');
    console.log('|---|---|---|---|');
    console.log(`| сетка журнала, p95 времени сервера | ${ms(gridP95)} (p50 ${ms(pct(gridTimes, 50))}, p99 ${ms(pct(gridTimes, 99))}) | ≤ ${targets.gridP95Ms} мс | ${gridP95 <= targets.gridP95Ms ? 'да' : 'нет'} |`);
    console.log(`| ввод отметок, ${teachers.length} учителей | ${Math.round(perSecond)} отметок/с, p95 ${ms(latencyP95)} | ≥ ${targets.marksPerSecond} отметок/с | ${perSecond >= targets.marksPerSecond ? 'да' : 'нет'} |`);
    console.log(`| потеряно подтверждённых отметок | ${acked.length - Math.min(stored, audited)} | 0 | ${zeroLost ? 'да' : 'нет'} |`);
    await app.close();
  } finally {
    await database.close();
    await adminQuery(url, `drop database if exists ${name} with (force)`);
  }
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
