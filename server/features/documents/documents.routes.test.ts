// Programme documents over HTTP: what exists for the year, each readable and as XLSX; students and
// guardians read them; a student's ИУП never appears; the public address answers only while the
// school keeps its documents open; only the director and the journal admin open or close them.
// The test clock stands at 2 November 2026: the academic year 2026/27.
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  academicCalendars, additionalProgrammes, attestationPeriods, attestationSchedules, classes, curricula, curriculumLines, employees,
  schools, students, subjects,
} from '../../db/schema';
import { createAccount, createSchool, createTestApp, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from '../org/org.test-helpers';

type DocumentList = { school: { name: string }; academicYear: number; public: boolean; items: { key: string; title: string }[]; total: number };
type Document = { key: string; title: string; school: string; academicYear: number; tables: { title: string; columns: string[]; rows: string[][] }[] };

let t: TestApp;
let school: { id: string };
let blank: { id: string };
const roles = ['director', 'journalAdmin', 'deputy', 'subjectTeacher', 'student', 'guardian'] as const;
const clients = {} as Record<(typeof roles)[number], Client>;
let otherDirector: Client;

const publicGet = (path: string, schoolId = school.id) =>
  t.app.inject({ method: 'GET', url: `/api/v1/public/schools/${schoolId}/programme-documents${path}` });

beforeAll(async () => {
  t = await createTestApp();
  school = await createSchool(t.database, 'Лицей № 2');
  blank = await createSchool(t.database, 'СОШ № 3');
  for (const role of roles) {
    await createAccount(t.database, { login: `doc-${role}`, roles: [{ schoolId: school.id, role }] });
    clients[role] = schoolClient(t.app, await login(t.app, `doc-${role}`), school.id);
  }
  await createAccount(t.database, { login: 'doc-other', roles: [{ schoolId: blank.id, role: 'director' }] });
  otherDirector = schoolClient(t.app, await login(t.app, 'doc-other'), school.id);

  const db = t.database.db;
  const schoolId = school.id;
  await db.insert(academicCalendars).values({
    schoolId, academicYear: 2026, startsOn: '2026-09-01', endsOn: '2027-05-26',
    holidays: [{ name: 'Осенние каникулы', startsOn: '2026-10-25', endsOn: '2026-11-04' }],
    daysOff: [{ date: '2026-11-04', name: 'День народного единства' }],
    weekLengths: [{ grades: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], days: 5 }],
  });
  const [schedule] = await db.insert(attestationSchedules).values({
    schoolId, academicYear: 2026, kind: 'terms', termKind: 'quarter', grades: [1, 2, 3, 4, 5, 6, 7, 8, 9], name: 'Четверти',
  }).returning();
  await db.insert(attestationPeriods).values([
    ['2026-09-01', '2026-10-24'], ['2026-11-05', '2026-12-28'], ['2027-01-12', '2027-03-20'], ['2027-03-30', '2027-05-26'],
  ].map(([startsOn, endsOn], i) => ({ schoolId, scheduleId: schedule!.id, number: i + 1, name: `${i + 1} четверть`, startsOn: startsOn!, endsOn: endsOn! })));
  const [math, english, chess, robotics] = await db.insert(subjects).values([
    { schoolId, name: 'Математика', shortName: 'Матем.', levels: ['basic'], subjectArea: 'Математика и информатика' },
    { schoolId, name: 'Английский язык', shortName: 'Англ.', levels: ['basic'], subjectArea: 'Иностранные языки' },
    { schoolId, name: 'Шахматы', shortName: 'Шахм.', levels: ['basic'], kind: 'extracurricular' },
    { schoolId, name: 'Робототехника', shortName: 'Робот.', levels: ['basic'], kind: 'additional' },
  ]).returning();
  const [teacher] = await db.insert(employees).values({ schoolId, lastName: 'Преподавателева', firstName: 'Ольга', position: 'Учитель' }).returning();
  const [c5a, c5b] = await db.insert(classes).values([
    { schoolId, academicYear: 2026, grade: 5, letter: 'А', classTeacherId: teacher!.id },
    { schoolId, academicYear: 2026, grade: 5, letter: 'Б' },
  ]).returning();
  void c5a;
  const [pupil] = await db.insert(students).values({ schoolId, lastName: 'Индивидуалов', firstName: 'Пётр', individualCurriculum: true }).returning();
  const [grade5, class5b, iup, extra] = await db.insert(curricula).values([
    { schoolId, academicYear: 2026, grade: 5, name: 'Учебный план 5 классов' },
    { schoolId, academicYear: 2026, grade: 5, classId: c5b!.id, name: 'Учебный план 5Б (углублённый английский)' },
    { schoolId, academicYear: 2026, grade: 5, studentId: pupil!.id, name: 'ИУП Индивидуалова' },
    { schoolId, academicYear: 2026, grade: 5, kind: 'extracurricular', name: 'План внеурочной деятельности 5 классов' },
  ]).returning();
  await db.insert(curriculumLines).values([
    { schoolId, curriculumId: grade5!.id, subjectId: math!.id, hoursPerWeek: '5', attestationForm: 'контрольная работа' },
    { schoolId, curriculumId: grade5!.id, subjectId: english!.id, hoursPerWeek: '3', splitIntoGroups: true },
    { schoolId, curriculumId: class5b!.id, subjectId: english!.id, hoursPerWeek: '4.5', part: 'formed' },
    { schoolId, curriculumId: iup!.id, subjectId: math!.id, hoursPerWeek: '2' },
    { schoolId, curriculumId: extra!.id, subjectId: chess!.id, hoursPerWeek: '1' },
  ]);
  // A curriculum of grade 7 made only for one student: no «Учебный план, 7 класс».
  const [pupil7] = await db.insert(students).values({ schoolId, lastName: 'Семиклассников', firstName: 'Иван', individualCurriculum: true }).returning();
  await db.insert(curricula).values({ schoolId, academicYear: 2026, grade: 7, studentId: pupil7!.id, name: 'ИУП 7' });
  await db.insert(additionalProgrammes).values({
    schoolId, academicYear: 2026, subjectId: robotics!.id, name: 'Робототехника для начинающих', direction: 'technical', ageFrom: 10, ageTo: 14, hoursPerWeek: '2', totalHours: 68,
  });
});
afterAll(async () => { await t.close(); });

describe('programme documents', () => {
  it('lists the documents of the year; never an ИУП', async () => {
    const list = ok<DocumentList>(await clients.journalAdmin.get('/programme-documents'));
    expect(list.academicYear).toBe(2026);
    expect(list.public).toBe(false);
    expect(list.items).toEqual([
      { key: 'calendar', title: 'Календарный учебный график' },
      { key: 'curriculum-5', title: 'Учебный план, 5 класс' },
      { key: 'extracurricular', title: 'План внеурочной деятельности' },
      { key: 'additional-programmes', title: 'Дополнительные общеразвивающие программы' },
    ]);
    expect(list.total).toBe(4);
    expect(JSON.stringify(list)).not.toContain('ИУП');
  });

  it('lets a student and a guardian read the list and every document', async () => {
    for (const who of [clients.student, clients.guardian, clients.subjectTeacher]) {
      const list = ok<DocumentList>(await who.get('/programme-documents'));
      for (const d of list.items) ok<Document>(await who.get(`/programme-documents/${d.key}`));
    }
  });

  it('shows the curriculum of a grade and of its classes as tables, without any student plan or person', async () => {
    const doc = ok<Document>(await clients.student.get('/programme-documents/curriculum-5'));
    expect(doc.title).toBe('Учебный план, 5 класс');
    expect(doc.tables.map((tb) => tb.title)).toEqual([
      'Учебный план 5 классов, 5-дневная неделя',
      'Учебный план 5Б (углублённый английский) (5Б класс), 5-дневная неделя',
    ]);
    expect(doc.tables[0]!.columns).toEqual(['Предметная область', 'Предмет', 'Часть', 'Часов в неделю', 'Промежуточная аттестация']);
    expect(doc.tables[0]!.rows).toContainEqual(['Математика и информатика', 'Математика', 'Обязательная часть', '5', 'контрольная работа']);
    expect(doc.tables[0]!.rows.at(-1)).toEqual(['', 'Итого', '', '8', '']);
    expect(doc.tables[1]!.rows[0]).toEqual(['Иностранные языки', 'Английский язык', 'Часть, формируемая участниками образовательных отношений', '4,5', '']);
    const text = JSON.stringify(doc);
    expect(text).not.toContain('ИУП');
    expect(text).not.toContain('Индивидуалов');
    expect(text).not.toContain('Преподавателева');
    expect((await clients.student.get('/programme-documents/curriculum-7')).statusCode).toBe(404);
  });

  it('shows the calendar with its terms, holidays and days off', async () => {
    const doc = ok<Document>(await clients.guardian.get('/programme-documents/calendar'));
    expect(doc.tables[0]!.rows.slice(0, 2)).toEqual([['Начало учебного года', '01.09.2026'], ['Окончание учебного года', '26.05.2027']]);
    const terms = doc.tables.find((tb) => tb.title === 'Четверти: 1–9 классы')!;
    expect(terms.rows[0]).toEqual(['1 четверть', '01.09.2026', '24.10.2026']);
    expect(doc.tables.find((tb) => tb.title === 'Каникулы')!.rows).toEqual([['Осенние каникулы', '25.10.2026', '04.11.2026', 'все классы']]);
  });

  it('offers each document as XLSX', async () => {
    const res = await clients.student.get('/programme-documents/curriculum-5/file');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe('attachment; filename="curriculum-5-2026.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('Учебный план, 5 класс');
    const values: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => values.push(String(cell.value))));
    expect(values).toContain('Математика');
    expect(values).not.toContain('ИУП Индивидуалова');
  });

  it('answers a document the school does not have, or a bad key, plainly', async () => {
    const res = await clients.student.get('/programme-documents/curriculum-12');
    expect(res.statusCode).toBe(400);
    expect(ok(await clients.journalAdmin.get('/programme-documents?academicYear=2027')).items).toEqual([]);
    expect((await clients.journalAdmin.get('/programme-documents/calendar?academicYear=2027')).json().error.code).toBe('DOCUMENT_NOT_FOUND');
  });

  it('keeps the public address closed until the school opens it', async () => {
    const closed = await publicGet('');
    expect(closed.statusCode).toBe(404);
    const missing = await publicGet('', '00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(closed.json()).toEqual(missing.json());
    expect((await publicGet('/calendar')).statusCode).toBe(404);
    expect((await publicGet('/calendar/file')).statusCode).toBe(404);
  });

  it('lets only the director and the journal admin open or close the documents', async () => {
    for (const role of ['deputy', 'subjectTeacher', 'student', 'guardian'] as const) {
      expect((await clients[role].post('/programme-documents/publication', { public: true })).statusCode, role).toBe(403);
    }
    expect((await otherDirector.post('/programme-documents/publication', { public: true })).statusCode).toBe(404);
    const bad = await clients.director.post('/programme-documents/publication', { public: 'да' });
    expect(bad.statusCode).toBe(400);
    const [row] = await t.database.db.select({ p: schools.programmesPublic }).from(schools).where(eq(schools.id, school.id));
    expect(row!.p).toBe(false);

    expect(ok(await clients.journalAdmin.post('/programme-documents/publication', { public: true }))).toEqual({ public: true });
    expect(ok<DocumentList>(await clients.student.get('/programme-documents')).public).toBe(true);
    const list = ok<DocumentList>(await publicGet(''));
    expect(list.school.name).toBe('МАОУ «Лицей № 2»');
    expect(list.items.map((i) => i.key)).toEqual(['calendar', 'curriculum-5', 'extracurricular', 'additional-programmes']);
    const programmes = ok<Document>(await publicGet('/additional-programmes'));
    expect(programmes.tables[0]!.rows).toEqual([['Робототехника для начинающих', 'Техническая', '10–14 лет', '2', '68']]);
    const file = await publicGet('/extracurricular/file');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');

    expect(ok(await clients.director.post('/programme-documents/publication', { public: false }))).toEqual({ public: false });
    expect((await publicGet('')).statusCode).toBe(404);
    // Another school never became public.
    expect((await publicGet('', blank.id)).statusCode).toBe(404);
  });

  it('is described in the OpenAPI document, with the readiness checklist', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths as object);
    expect(paths).toEqual(expect.arrayContaining([
      '/api/v1/schools/{schoolId}/programme-documents', '/api/v1/schools/{schoolId}/programme-documents/{key}',
      '/api/v1/schools/{schoolId}/programme-documents/{key}/file', '/api/v1/schools/{schoolId}/programme-documents/publication',
      '/api/v1/public/schools/{schoolId}/programme-documents', '/api/v1/schools/{schoolId}/readiness',
    ]));
  });
});
