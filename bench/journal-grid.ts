// bench:journal-grid — the journal grid at a full term in the browser (issue 6 item 9: «renders a
// full term (30 students × 80 lessons) without lag»). A one-school demo in a PGlite folder of its
// own; before the server opens it, one class × subject of the demo `teacher` is given a full term
// written straight into it: its timetable lessons and its demo journal are taken away, and 80
// journal lessons without a timetable lesson are spread over the class's term of today (several a
// day, lessons 1–8, topics), for 30 students (students are added when the class has fewer), with
// marks in ≈ 70 % of the cells (one or two, in the school's five-point forms), some absences and
// lateness, and their audit rows. Then the real server and Debian's Chromium (playwright-core):
// the teacher opens /journal/grid several times (the first as a warm-up) and each time it measures
//   - navigation → the grid's answer → its last cell in the DOM and painted (all 30 × 80 counted),
//     the answer's time to first byte (the server's time on loopback) and the main thread's work
//     (CDP Performance.getMetrics: TaskDuration, ScriptDuration; long tasks);
//   - 100 arrow-key moves one at a time: keydown → the cursor's change → the next paint, per key;
//     and 50 ArrowRight sent at once (a held key): keydown of the first → the last one painted;
//   - typing «5» + Enter into an empty writable cell: Enter → the cell shows it (painted), → the
//     server's answer, and the re-read of the grid that follows (long tasks after its answer).
// The server and the folder are removed at the end. Needs the built web (npm run build:web).
//
//   npm run bench:journal-grid
//   OPENS=3 npm run bench:journal-grid
import { rmSync } from 'node:fs';
import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { launchBrowser, logIn, newPage } from '../e2e/browser';
import { addDays } from '../domain/calendar';
import { academicYearOfDate } from '../domain/school-year';
import { openDatabase } from '../server/db/client';
import { localDate } from '../server/db/demo/journal';
import { femaleChildNames, maleChildNames, surnameFor, surnames } from '../server/db/demo/names';
import {
  accounts, attendanceEntries, classes, controlForms, controlWorks, employees, enrollments, journalAudit, journalLessons, markScales, marks, schools, students,
  subjects, teachingLoads, timetableLessons,
} from '../server/db/schema';
import { termsOf } from '../server/features/journal/journal.repo';
import { childEnv, newDataDir, runCli, startServer } from '../server/test/process';

const studentCount = 30;
const lessonCount = 80;
const markShare = 0.7;
const opens = Math.max(2, Number(process.env.OPENS ?? 5));
const targets = { openAfterAnswerMs: 1000, perKeyMs: 50 };

/** A seeded generator (mulberry32): the same journal every run. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, chance: (p: number) => next() < p, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

const topicTitles = [
  'Повторение пройденного', 'Решение задач', 'Новый материал: введение', 'Практикум', 'Самостоятельная работа', 'Разбор ошибок',
  'Работа с текстом', 'Обобщение и систематизация', 'Урок-исследование', 'Закрепление', 'Проверочная работа', 'Подготовка к контрольной',
];

type Seeded = {
  schoolId: string; classId: string; subjectId: string; unit: string; subject: string; period: { id: string; name: string; startsOn: string; endsOn: string };
  today: string; students: number; added: number; lessons: number; days: number; marks: number; attendance: number; audit: number; removed: { lessons: number; timetable: number };
};

/** Writes the full term into the demo's folder (before the server opens it). */
async function seedFullTerm(dataDir: string): Promise<Seeded> {
  const database = await openDatabase({ dataDir });
  try {
    return await database.db.transaction(async (tx) => {
      const [teacher] = await tx.select({ schoolId: employees.schoolId, id: employees.id, accountId: employees.accountId, timeZone: schools.timeZone })
        .from(employees).innerJoin(accounts, eq(accounts.id, employees.accountId)).innerJoin(schools, eq(schools.id, employees.schoolId))
        .where(eq(accounts.login, 'teacher')).limit(1);
      if (!teacher) throw new Error('the demo has no teacher');
      const { schoolId } = teacher;
      const today = localDate(new Date(), teacher.timeZone);
      const academicYear = academicYearOfDate(today);

      // The teacher's class with the most students today, and the subject with most hours there.
      const loads = await tx.select({ classId: teachingLoads.classId, subjectId: teachingLoads.subjectId, hours: teachingLoads.hoursPerWeek, subject: subjects.name })
        .from(teachingLoads).innerJoin(subjects, and(eq(subjects.schoolId, teachingLoads.schoolId), eq(subjects.id, teachingLoads.subjectId)))
        .where(and(eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.academicYear, academicYear), eq(teachingLoads.employeeId, teacher.id)));
      const classIds = [...new Set(loads.map((l) => l.classId).filter((c): c is string => c !== null))];
      if (classIds.length === 0) throw new Error('the demo teacher teaches no whole class');
      const sizes = await tx.select({ classId: enrollments.classId, n: sql<number>`count(*)::int` }).from(enrollments)
        .where(and(eq(enrollments.schoolId, schoolId), inArray(enrollments.classId, classIds), lte(enrollments.startsOn, today),
          or(isNull(enrollments.endsOn), gte(enrollments.endsOn, today))))
        .groupBy(enrollments.classId);
      const size = new Map(sizes.map((s) => [s.classId, s.n]));
      const classId = [...classIds].sort((a, b) => (size.get(b) ?? 0) - (size.get(a) ?? 0))[0]!;
      const load = loads.filter((l) => l.classId === classId).sort((a, b) => Number(b.hours) - Number(a.hours))[0]!;
      const subjectId = load.subjectId;
      const [klass] = await tx.select().from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.id, classId)));

      // The term the grid opens on, chosen as the server chooses it.
      const periods = await termsOf(tx, schoolId, academicYear, [klass!.grade]);
      const period = periods.find((p) => p.startsOn <= today && today <= p.endsOn) ?? [...periods].reverse().find((p) => p.startsOn <= today) ?? periods[0];
      if (!period) throw new Error('the demo year has no terms');

      // Away with this class × subject's timetable lessons and its demo journal: the grid's columns are ours alone.
      const ofUnit = (t: typeof journalLessons | typeof timetableLessons) => and(eq(t.schoolId, schoolId), eq(t.classId, classId), eq(t.subjectId, subjectId));
      const [demoLessons] = await tx.select({ n: sql<number>`count(*)::int` }).from(journalLessons).where(ofUnit(journalLessons));
      const [planned] = await tx.select({ n: sql<number>`count(*)::int` }).from(timetableLessons).where(ofUnit(timetableLessons));
      const gone = tx.select({ id: journalLessons.id }).from(journalLessons).where(ofUnit(journalLessons));
      await tx.delete(marks).where(and(eq(marks.schoolId, schoolId), inArray(marks.journalLessonId, gone)));
      await tx.delete(attendanceEntries).where(and(eq(attendanceEntries.schoolId, schoolId), inArray(attendanceEntries.journalLessonId, gone)));
      await tx.delete(controlWorks).where(and(eq(controlWorks.schoolId, schoolId), eq(controlWorks.classId, classId), eq(controlWorks.subjectId, subjectId)));
      await tx.delete(journalLessons).where(ofUnit(journalLessons));
      await tx.delete(timetableLessons).where(ofUnit(timetableLessons));
      const removed = { lessons: demoLessons?.n ?? 0, timetable: planned?.n ?? 0 };

      // 30 students: those of the class today, and new ones enrolled from the year's start when it has fewer.
      const rng = random(20261129);
      const have = size.get(classId) ?? 0;
      const added = Math.max(0, studentCount - have);
      if (added > 0) {
        const rows = Array.from({ length: added }, (_, i) => {
          const sex = i % 2 === 0 ? 'male' as const : 'female' as const;
          const firstName = rng.pick(sex === 'male' ? maleChildNames : femaleChildNames);
          const lastName = surnameFor(rng.pick(surnames), sex);
          return { schoolId, id: uuidv7(), lastName, firstName, middleName: null, sex };
        });
        await tx.insert(students).values(rows);
        await tx.insert(enrollments).values(rows.map((s) => ({ schoolId, studentId: s.id, classId, startsOn: `${academicYear}-09-01` })));
      }
      const pupils = await tx.select({ id: enrollments.studentId }).from(enrollments)
        .where(and(eq(enrollments.schoolId, schoolId), eq(enrollments.classId, classId), lte(enrollments.startsOn, period.startsOn),
          or(isNull(enrollments.endsOn), gte(enrollments.endsOn, period.endsOn))));
      const studentIds = [...new Set(pupils.map((p) => p.id))];

      // 80 lessons over the term's school days (Monday–Friday), one to a few a day, numbers 1–8.
      const days: string[] = [];
      for (let d = period.startsOn; d <= period.endsOn; d = addDays(d, 1)) {
        const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
        if (wd >= 1 && wd <= 5) days.push(d);
      }
      const lessonRows: (typeof journalLessons.$inferInsert)[] = [];
      days.forEach((date, i) => {
        const k = Math.floor(((i + 1) * lessonCount) / days.length) - Math.floor((i * lessonCount) / days.length);
        if (k > 8) throw new Error('the term is too short for 80 lessons');
        const first = 1 + (i % (9 - Math.max(k, 1)));
        for (let j = 0; j < k; j++) {
          const n = lessonRows.length + 1;
          const at = new Date(`${date}T12:00:00Z`);
          lessonRows.push({
            schoolId, id: uuidv7(), academicYear, date, lessonNumber: first + j, timetableLessonId: null, plannedDate: null, subjectId, classId,
            employeeId: teacher.id, kind: 'regular', format: 'inPerson', topic: `${n}. ${rng.pick(topicTitles)}`, attendanceTakenAt: at,
            createdBy: teacher.accountId, createdAt: at, updatedAt: at,
          });
        }
      });

      // Marks in the school's five-point forms; absences (no mark) and lateness; an audit row for each.
      const forms = await tx.select({ id: controlForms.id, name: controlForms.name, weight: controlForms.weight }).from(controlForms)
        .innerJoin(markScales, and(eq(markScales.schoolId, controlForms.schoolId), eq(markScales.id, controlForms.markScaleId)))
        .where(and(eq(controlForms.schoolId, schoolId), eq(markScales.kind, 'five')));
      const usual = forms.filter((f) => ['Ответ на уроке', 'Домашняя работа', 'Самостоятельная работа'].includes(f.name));
      const pool = usual.length > 0 ? usual : forms;
      if (pool.length === 0) throw new Error('the demo school has no five-point form');
      const markRows: (typeof marks.$inferInsert)[] = [];
      const attendanceRows: (typeof attendanceEntries.$inferInsert)[] = [];
      const auditRows: (typeof journalAudit.$inferInsert)[] = [];
      const audit = (entityType: string, entityId: string, journalLessonId: string, studentId: string | null, value: unknown, at: Date) => auditRows.push({
        schoolId, id: uuidv7(), actorAccountId: teacher.accountId, actorRole: 'subjectTeacher', entityType, entityId, action: 'create', journalLessonId, studentId, old: null, new: value, at,
      });
      const absentShare = 0.05;
      for (const lesson of lessonRows) {
        const at = lesson.createdAt as Date;
        audit('topic', lesson.id!, lesson.id!, null, { topic: lesson.topic, plannedTopicId: null }, at);
        for (const studentId of studentIds) {
          const roll = rng.next();
          if (roll < absentShare || roll > 0.99) {
            const late = roll > 0.99;
            const entry = late
              ? { category: 'late', code: 'О', reason: null, minutesLate: 5 + Math.floor(rng.next() * 10) }
              : rng.chance(0.5) ? { category: 'absentExcused', code: 'Б', reason: 'illness', minutesLate: null } : { category: 'absentUnexcused', code: 'Н', reason: null, minutesLate: null };
            const id = uuidv7();
            attendanceRows.push({ schoolId, id, journalLessonId: lesson.id!, studentId, date: lesson.date, ...entry, createdBy: teacher.accountId, createdAt: at, updatedAt: at });
            audit('attendance', id, lesson.id!, studentId, { ...entry, document: null, version: 1 }, at);
            if (!late) continue;
          }
          if (!rng.chance(markShare / (1 - absentShare))) continue;
          const count = rng.chance(0.15) ? 2 : 1;
          for (let c = 0; c < count; c++) {
            const form = rng.pick(pool);
            const r = rng.next();
            const value = r < 0.05 ? 2 : r < 0.3 ? 3 : r < 0.7 ? 4 : 5;
            const id = uuidv7();
            markRows.push({
              schoolId, id, journalLessonId: lesson.id!, studentId, subjectId, date: lesson.date, controlFormId: form.id, value: String(value),
              fivePoint: String(value), weight: form.weight, createdBy: teacher.accountId, createdAt: at, updatedAt: at,
            });
            audit('mark', id, lesson.id!, studentId, {
              value: String(value), fivePoint: value, weight: Number(form.weight), controlFormId: form.id, comment: null, contentElementCodes: [],
              isDebt: false, debtDeadline: null, controlWorkId: null, submissionId: null, version: 1,
            }, at);
          }
        }
      }
      const insert = async <R>(rows: R[], write: (chunk: R[]) => Promise<unknown>) => { for (let i = 0; i < rows.length; i += 500) await write(rows.slice(i, i + 500)); };
      await insert(lessonRows, (c) => tx.insert(journalLessons).values(c));
      await insert(attendanceRows, (c) => tx.insert(attendanceEntries).values(c));
      await insert(markRows, (c) => tx.insert(marks).values(c));
      await insert(auditRows, (c) => tx.insert(journalAudit).values(c));
      const [subject] = await tx.select({ name: subjects.name }).from(subjects).where(and(eq(subjects.schoolId, schoolId), eq(subjects.id, subjectId)));
      return {
        schoolId, classId, subjectId, unit: `${klass!.grade}${klass!.letter}`, subject: subject?.name ?? load.subject, period, today,
        students: studentIds.length, added, lessons: lessonRows.length, days: days.length, marks: markRows.length, attendance: attendanceRows.length,
        audit: auditRows.length, removed,
      };
    });
  } finally {
    await database.close();
  }
}

// --- Measuring in the page ----------------------------------------------------------------------------

/** Runs in every document before its scripts: when the grid's last cell appears, and the long tasks. */
const pageProbe = (lastCellId: string) => {
  type Probe = { lastCellAt: number | null; paintedAt: number | null; longTasks: { start: number; duration: number }[] };
  const probe: Probe = { lastCellAt: null, paintedAt: null, longTasks: [] };
  (window as unknown as { __bench: Probe }).__bench = probe;
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch { /* no long task timing */ }
  const seen = new MutationObserver(() => {
    if (probe.lastCellAt !== null || document.getElementById(lastCellId) === null) return;
    probe.lastCellAt = performance.now();
    seen.disconnect();
    requestAnimationFrame(() => setTimeout(() => { probe.paintedAt = performance.now(); }, 0));
  });
  seen.observe(document, { childList: true, subtree: true });
};

type Open = {
  answerMs: number; ttfbMs: number; requestStartMs: number; answerAt: number; lastCellMs: number; paintedMs: number; cells: number;
  taskMs: number; scriptMs: number; layoutMs: number; longTaskMs: number;
};
type KeyTime = { key: string; handledMs: number; paintedMs: number };

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const median = (xs: readonly number[]) => pct(xs, 50);
const f = (x: number, digits = 0) => (Number.isNaN(x) ? '—' : x.toFixed(digits));

async function main() {
  const dir = newDataDir();
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | null = null;
  try {
    let started = performance.now();
    const demo = await runCli(['demo', '--schools', '1'], childEnv(dir));
    if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}`);
    const demoSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const s = await seedFullTerm(dir);
    console.log(`Демо (1 школа) за ${f(demoSeconds)} с; полная четверть за ${f((performance.now() - started) / 1000, 1)} с: ${s.unit} · ${s.subject}, ${s.period.name} ` +
      `(${s.period.startsOn} – ${s.period.endsOn}, ${s.days} учебных дней), учеников ${s.students} (добавлено ${s.added}), уроков ${s.lessons}, ` +
      `отметок ${s.marks}, посещаемость ${s.attendance}, аудит ${s.audit}; убрано уроков демо ${s.removed.lessons}, уроков расписания ${s.removed.timetable}`);
    if (s.students !== studentCount || s.lessons !== lessonCount) throw new Error(`expected ${studentCount} × ${lessonCount}, got ${s.students} × ${s.lessons}`);

    server = await startServer(dir);
    browser = await launchBrowser();
    const { context, page } = await newPage(browser, server.url);
    const cellCount = studentCount * lessonCount;
    await context.addInitScript(pageProbe, `jc-${studentCount - 1}-${lessonCount - 1}`);
    await logIn(page, 'teacher');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () => {
      const { metrics: m } = await cdp.send('Performance.getMetrics');
      const get = (name: string) => (m.find((x) => x.name === name)?.value ?? 0) * 1000;
      return { task: get('TaskDuration'), script: get('ScriptDuration'), layout: get('LayoutDuration') + get('RecalcStyleDuration') };
    };
    const gridPath = `/journal/grid?subjectId=${s.subjectId}&classId=${s.classId}`;
    const gridApi = `/api/v1/schools/${s.schoolId}/journal/grid?subjectId=${s.subjectId}&classId=${s.classId}`;
    type GridAnswer = { students: { id: string }[]; lessons: { key: string; date: string; canWrite: boolean }[]; cells: { lessonKey: string; studentId: string; marks: unknown[]; attendance: string | null }[] };

    const openResults: Open[] = [];
    const keyResults: KeyTime[] = [];
    const bursts: number[] = [];
    /** The main thread's work per arrow key (CDP metrics over the 100 moves, the bench's own polling included). */
    const keyThread: { task: number; script: number; layout: number }[] = [];
    const entries: { shownMs: number; answeredMs: number; rereadLongTaskMs: number }[] = [];
    for (let run = 0; run < opens; run++) {
      const before = await metrics();
      await page.goto(gridPath);
      await page.waitForFunction(() => (window as unknown as { __bench: { paintedAt: number | null } }).__bench.paintedAt !== null, undefined, { timeout: 60_000 });
      const after = await metrics();
      const probe = await page.evaluate((api) => {
        const b = (window as unknown as { __bench: { lastCellAt: number; paintedAt: number; longTasks: { start: number; duration: number }[] } }).__bench;
        const answer = performance.getEntriesByType('resource').find((e) => e.name.includes(api)) as PerformanceResourceTiming | undefined;
        return {
          ...b, cells: document.querySelectorAll('[data-testid="journal-grid"] td[role="gridcell"]').length,
          requestStart: answer?.requestStart ?? Number.NaN, responseStart: answer?.responseStart ?? Number.NaN, responseEnd: answer?.responseEnd ?? Number.NaN,
        };
      }, gridApi.split('?')[0]!);
      if (probe.cells !== cellCount) throw new Error(`the grid shows ${probe.cells} cells, expected ${cellCount}`);
      // Metrics of a page are the renderer's since it started: a new document may start them again.
      const delta = (a: number, b: number) => (a >= b ? a - b : a);
      openResults.push({
        requestStartMs: probe.requestStart, answerAt: probe.responseEnd, answerMs: probe.responseEnd - probe.requestStart, ttfbMs: probe.responseStart - probe.requestStart,
        lastCellMs: probe.lastCellAt - probe.responseEnd, paintedMs: probe.paintedAt, cells: probe.cells,
        taskMs: delta(after.task, before.task), scriptMs: delta(after.script, before.script), layoutMs: delta(after.layout, before.layout),
        longTaskMs: probe.longTasks.filter((t) => t.start >= probe.responseEnd).reduce((sum, t) => sum + t.duration, 0),
      });

      // Keyboard: 100 moves one at a time from the first cell, then a held ArrowRight.
      await page.locator('#jc-0-0').click();
      await page.evaluate(() => {
        const box = document.querySelector('[data-testid="journal-grid"]')!;
        const w = window as unknown as { __keys: { key: string; t0: number; handled?: number; painted?: number }[]; __pending: { key: string; t0: number; handled?: number; painted?: number } | null };
        w.__keys = [];
        w.__pending = null;
        document.addEventListener('keydown', (e) => { w.__pending = { key: e.key, t0: e.timeStamp }; }, true);
        new MutationObserver(() => {
          const k = w.__pending;
          if (!k || k.handled !== undefined) return;
          k.handled = performance.now();
          requestAnimationFrame(() => setTimeout(() => { k.painted = performance.now(); w.__keys.push(k); }, 0));
        }).observe(box, { attributes: true, attributeFilter: ['aria-activedescendant'] });
      });
      const moves = [...Array<string>(50).fill('ArrowRight'), ...Array<string>(studentCount - 1).fill('ArrowDown'), ...Array<string>(100 - 50 - (studentCount - 1)).fill('ArrowLeft')];
      const keysBefore = await metrics();
      for (const [i, key] of moves.entries()) {
        await page.keyboard.press(key);
        await page.waitForFunction((n) => (window as unknown as { __keys: unknown[] }).__keys.length >= n, i + 1, { timeout: 10_000 });
      }
      const keysAfter = await metrics();
      if (run > 0) keyThread.push({ script: (keysAfter.script - keysBefore.script) / moves.length, layout: (keysAfter.layout - keysBefore.layout) / moves.length, task: (keysAfter.task - keysBefore.task) / moves.length });
      const times = await page.evaluate(() => (window as unknown as { __keys: { key: string; t0: number; handled: number; painted: number }[] }).__keys);
      if (run > 0) keyResults.push(...times.map((k) => ({ key: k.key, handledMs: k.handled - k.t0, paintedMs: k.painted - k.t0 })));
      const lastCol = 50 - (100 - 50 - (studentCount - 1));
      if ((await page.getByTestId('journal-grid').getAttribute('aria-activedescendant')) !== `jc-${studentCount - 1}-${lastCol}`) throw new Error('the cursor is not where the keys led');
      // A held key: the 50 ArrowRight to the last column, sent one after another without waiting for the page.
      const burstStart = await page.evaluate(() => { (window as unknown as { __keys: unknown[] }).__keys = []; return performance.now(); });
      const held = lessonCount - 1 - lastCol;
      for (let i = 0; i < held; i++) await page.keyboard.press('ArrowRight');
      await page.waitForFunction((id) => document.querySelector('[data-testid="journal-grid"]')?.getAttribute('aria-activedescendant') === id, `jc-${studentCount - 1}-${lessonCount - 1}`, { timeout: 10_000 });
      const burstEnd = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))));
      if (run > 0) bursts.push((burstEnd - burstStart) / held);

      // A mark typed into an empty cell of the last writable lesson, then Enter.
      if (run > 0) {
        const grid = await page.evaluate(async (url) => (await fetch(url, { credentials: 'same-origin' })).json(), gridApi) as GridAnswer;
        const col = grid.lessons.findLastIndex((l) => l.canWrite);
        const filled = new Set(grid.cells.filter((c) => c.lessonKey === grid.lessons[col]?.key && (c.marks.length > 0 || c.attendance !== null)).map((c) => c.studentId));
        const row = grid.students.findIndex((st, i) => i >= run && !filled.has(st.id));
        if (col < 0 || row < 0) {
          console.log('  ввод отметки: нет пустой клетки в открытом для записи уроке — не измерен');
        } else {
          await page.locator(`#jc-${row}-${col}`).click();
          await page.keyboard.press('5');
          await page.waitForSelector(`#jc-${row}-${col} input`);
          await page.evaluate(({ id }) => {
            const w = window as unknown as { __entry: { t0?: number; shown?: number; painted?: number } };
            w.__entry = {};
            document.addEventListener('keydown', (e) => { if (e.key === 'Enter' && w.__entry.t0 === undefined) w.__entry.t0 = e.timeStamp; }, true);
            const cell = document.getElementById(id)!;
            const seen = new MutationObserver(() => {
              if (w.__entry.shown !== undefined || cell.getAttribute('data-value') !== '5' || cell.querySelector('input')) return;
              w.__entry.shown = performance.now();
              seen.disconnect();
              requestAnimationFrame(() => setTimeout(() => { w.__entry.painted = performance.now(); }, 0));
            });
            seen.observe(cell, { attributes: true, childList: true, subtree: true, characterData: true });
          }, { id: `jc-${row}-${col}` });
          const answered = page.waitForResponse((r) => r.url().includes('/journal/marks') && r.request().method() === 'POST');
          const reread = page.waitForResponse((r) => r.url().includes('/journal/grid') && r.request().method() === 'GET', { timeout: 20_000 });
          await page.keyboard.press('Enter');
          const answer = await answered;
          if (!answer.ok()) throw new Error(`the mark was refused: ${answer.status()} ${await answer.text()}`);
          await page.waitForFunction(() => (window as unknown as { __entry: { painted?: number } }).__entry.painted !== undefined, undefined, { timeout: 10_000 });
          await reread;
          await page.waitForTimeout(1000);
          const e = await page.evaluate(() => {
            const w = window as unknown as { __entry: { t0: number; painted: number }; __bench: { longTasks: { start: number; duration: number }[] } };
            const post = performance.getEntriesByType('resource').filter((x) => x.name.includes('/journal/marks')).at(-1) as PerformanceResourceTiming;
            const again = performance.getEntriesByType('resource').filter((x) => x.name.includes('/journal/grid')).at(-1) as PerformanceResourceTiming;
            return {
              shownMs: w.__entry.painted - w.__entry.t0, answeredMs: post.responseEnd - w.__entry.t0,
              rereadLongTaskMs: w.__bench.longTasks.filter((t) => t.start >= again.responseEnd).reduce((sum, t) => sum + t.duration, 0),
            };
          });
          entries.push(e);
        }
      }
      console.log(`  открытие ${run + 1}${run === 0 ? ' (разогрев)' : ''}: ответ ${f(openResults.at(-1)!.answerMs)} мс, после ответа до последней клетки ${f(openResults.at(-1)!.lastCellMs)} мс, от перехода до отрисовки ${f(openResults.at(-1)!.paintedMs)} мс`);
    }

    const measured = openResults.slice(1);
    const handled = keyResults.map((k) => k.handledMs);
    const painted = keyResults.map((k) => k.paintedMs);
    const rows: [string, string, string][] = [
      ['клеток в сетке', `${studentCount} × ${lessonCount} = ${measured[0]!.cells}`, ''],
      ['ответ GET …/journal/grid (запрос → конец ответа), медиана', `${f(median(measured.map((o) => o.answerMs)))} мс`, ''],
      ['  из них до первого байта (время сервера на loopback)', `${f(median(measured.map((o) => o.ttfbMs)))} мс`, ''],
      ['переход → запрос сетки ушёл (загрузка страницы, сессия)', `${f(median(measured.map((o) => o.requestStartMs)))} мс`, ''],
      ['ответ → последняя клетка в DOM, медиана (макс.)', `${f(median(measured.map((o) => o.lastCellMs)))} (${f(Math.max(...measured.map((o) => o.lastCellMs)))}) мс`, `≤ ${targets.openAfterAnswerMs} мс`],
      ['переход → сетка отрисована, медиана', `${f(median(measured.map((o) => o.paintedMs)))} мс`, ''],
      ['главный поток за открытие: задачи / скрипт / стили+раскладка', `${f(median(measured.map((o) => o.taskMs)))} / ${f(median(measured.map((o) => o.scriptMs)))} / ${f(median(measured.map((o) => o.layoutMs)))} мс`, ''],
      ['  длинные задачи после ответа', `${f(median(measured.map((o) => o.longTaskMs)))} мс`, ''],
      [`стрелка: keydown → курсор сменился, p50 / p95 / макс. (${handled.length} нажатий)`, `${f(median(handled), 1)} / ${f(pct(handled, 95), 1)} / ${f(Math.max(...handled), 1)} мс`, ''],
      ['стрелка: keydown → отрисовано, p50 / p95 / макс.', `${f(median(painted), 1)} / ${f(pct(painted, 95), 1)} / ${f(Math.max(...painted), 1)} мс`, `≤ ${targets.perKeyMs} мс`],
      ['  главный поток на нажатие: задачи / скрипт / стили+раскладка', `${f(median(keyThread.map((k) => k.task)), 1)} / ${f(median(keyThread.map((k) => k.script)), 1)} / ${f(median(keyThread.map((k) => k.layout)), 1)} мс`, ''],
      ['зажатая стрелка (подряд, без ожидания): на нажатие, медиана', `${f(median(bursts), 1)} мс`, `≤ ${targets.perKeyMs} мс`],
      [`«5» + Enter → клетка показывает «5» (отрисовано), медиана из ${entries.length}`, `${f(median(entries.map((e) => e.shownMs)), 1)} мс`, ''],
      ['  Enter → ответ сервера на отметку', `${f(median(entries.map((e) => e.answeredMs)))} мс`, ''],
      ['  перечитывание сетки после ввода: длинные задачи', `${f(median(entries.map((e) => e.rereadLongTaskMs)))} мс`, ''],
    ];
    console.log(`\nСетка журнала ${s.unit} · ${s.subject}, ${s.period.name}; ${opens} открытий, первое — разогрев (не в цифрах)`);
    console.log('| что | результат | цель |');
    console.log('|---|---|---|');
    for (const [what, value, target] of rows) console.log(`| ${what} | ${value} | ${target} |`);
    const openOk = Math.max(...measured.map((o) => o.lastCellMs)) <= targets.openAfterAnswerMs;
    const keyOk = pct(painted, 95) <= targets.perKeyMs && median(bursts) <= targets.perKeyMs;
    console.log(`\nЦели: открытие ≤ ${targets.openAfterAnswerMs} мс после ответа — ${openOk ? 'выполнена' : 'НЕ выполнена'}; ≤ ${targets.perKeyMs} мс на нажатие (p95) — ${keyOk ? 'выполнена' : 'НЕ выполнена'}`);
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
