// Demo year: buildings, rooms and the subjects they suit; subject kinds and catalogue codes; extracurricular courses and additional programmes.
// The rows keep the rules of the rooms and subjects services: unique names, capacities 1–1000,
// known kinds, subjects of the school, programme hours in steps of 0.5 and ages 5–18.
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { catalogueEntry, type Level } from '../../../domain/subject-catalogue';
import type { RoomKind } from '../../../domain/rooms';
import type { Queryable } from '../client';
import { additionalProgrammes, buildings, rooms, roomSubjects, studyGroupMembers, studyGroups, subjects, teachingLoads } from '../schema';
import type { SchoolContext, StudentInfo } from './generate';
import type { SubjectKey } from './subjects';
import type { YearSeed } from './year';

/** The ФГОС catalogue code of each demo subject (domain/subject-catalogue.ts). */
export const demoCatalogueCodes: Record<SubjectKey, string> = {
  russian: 'russian', literaryReading: 'literaryReading', literature: 'literature', english: 'foreignLanguage',
  mathematics: 'mathematics', algebra: 'algebra', algebraAnalysis: 'algebraAnalysis', geometry: 'geometry', probability: 'probability',
  informatics: 'informatics', worldAround: 'worldAround', orkse: 'orkse', odnknr: 'odnknr', history: 'history',
  socialStudies: 'socialStudies', geography: 'geography', biology: 'biology', physics: 'physics', chemistry: 'chemistry',
  art: 'fineArts', music: 'music', technology: 'technology', pe: 'physicalEducation', obzr: 'lifeSafety', project: 'individualProject',
};

/** Extracurricular courses every demo school runs (the curricula step plans «Разговоры о важном» in every grade). */
const extracurricularCodes = ['importantConversations', 'russiaMyHorizons', 'functionalLiteracy'] as const;

type Room = typeof rooms.$inferInsert & { id: string; suits: SubjectKey[] };

export async function seedRoomsAndSubjects(q: Queryable, ctx: SchoolContext, _year: YearSeed): Promise<void> {
  await markCatalogueSubjects(q, ctx);
  await seedRooms(q, ctx);
  await seedExtracurricular(q, ctx);
  await seedProgrammes(q, ctx);
}

/** The demo subjects as picked from the ФГОС catalogue: kind, code and subject area, one statement. */
async function markCatalogueSubjects(q: Queryable, ctx: SchoolContext): Promise<void> {
  const values = [...ctx.subjects].map(([key, row]) => {
    const entry = catalogueEntry(demoCatalogueCodes[key]);
    if (!entry) throw new Error(`No catalogue entry for the demo subject ${key}`);
    row.kind = 'subject';
    row.catalogueCode = entry.code;
    row.subjectArea = entry.subjectArea;
    return sql`(${row.id}::uuid, ${entry.code}, ${entry.subjectArea})`;
  });
  if (values.length === 0) return;
  await q.execute(sql`update ${subjects} set kind = 'subject', catalogue_code = v.code, subject_area = v.area
    from (values ${sql.join(values, sql`, `)}) as v(id, code, area)
    where ${subjects.schoolId} = ${ctx.schoolId} and ${subjects.id} = v.id`);
}

async function seedRooms(q: Queryable, ctx: SchoolContext): Promise<void> {
  const buildingId = uuidv7();
  await q.insert(buildings).values({ schoolId: ctx.schoolId, id: buildingId, name: 'Главный корпус', address: `${ctx.plan.town.name}, ул. Школьная, ${ctx.plan.number}` });

  const largest = Math.max(25, ...ctx.classes.map((c) => c.students.length));
  const seats = Math.min(1000, largest + 2);
  const list: Room[] = [];
  const perFloor = new Map<number, number>();
  const add = (floor: number, kind: RoomKind, suits: SubjectKey[], capacity: number, note: string | null, name?: string) => {
    const n = (perFloor.get(floor) ?? 0) + 1;
    perFloor.set(floor, n);
    list.push({
      schoolId: ctx.schoolId, id: uuidv7(), buildingId, name: name ?? `${floor}${String(n).padStart(2, '0')}`, kind, capacity, floor, note,
      suits: suits.filter((k) => ctx.subjects.has(k)),
    });
  };
  // A home room for each class: primary classes downstairs, the older ones higher up.
  for (const c of ctx.classes) add(c.grade <= 4 ? 1 : c.grade <= 9 ? 2 : 3, 'ordinary', [], seats, `Кабинет ${c.name}`);
  add(3, 'lab', ['physics'], seats, 'Кабинет физики с лаборантской');
  add(3, 'lab', ['chemistry'], seats, 'Кабинет химии с вытяжным шкафом');
  add(3, 'lab', ['biology'], seats, 'Кабинет биологии');
  // Informatics is taught in half-classes.
  const half = Math.min(1000, Math.ceil(largest / 2) + 2);
  add(2, 'computer', ['informatics'], half, 'Компьютерный класс № 1');
  add(2, 'computer', ['informatics'], half, 'Компьютерный класс № 2');
  add(1, 'workshop', ['technology'], half, 'Мастерская технического труда');
  add(1, 'workshop', ['technology'], half, 'Мастерская обслуживающего труда');
  // Two PE lessons a week per class, about thirty lessons a week per hall.
  const gyms = Math.max(1, Math.ceil((ctx.classes.length * 2) / 30));
  for (let i = 1; i <= gyms; i++) add(1, 'gym', ['pe'], 60, null, gyms === 1 ? 'Спортивный зал' : `Спортивный зал № ${i}`);
  add(1, 'assembly', [], 200, null, 'Актовый зал');
  add(2, 'library', [], 30, null, 'Библиотека');

  await q.insert(rooms).values(list.map(({ suits: _s, ...r }) => r));
  const links = list.flatMap((r) => r.suits.map((k) => ({ schoolId: ctx.schoolId, roomId: r.id, subjectId: ctx.subjects.get(k)!.id })));
  if (links.length > 0) await q.insert(roomSubjects).values(links);
}

async function seedExtracurricular(q: Queryable, ctx: SchoolContext): Promise<void> {
  await q.insert(subjects).values(extracurricularCodes.map((code) => {
    const e = catalogueEntry(code)!;
    return {
      schoolId: ctx.schoolId, id: uuidv7(), name: e.name, shortName: e.shortName, levels: [...e.levels] as Level[],
      kind: 'extracurricular', catalogueCode: e.code, subjectArea: e.subjectArea,
    };
  }));
}

/** Two additional programmes, each with one activity group of a few students and its teacher. */
async function seedProgrammes(q: Queryable, ctx: SchoolContext): Promise<void> {
  const rng = ctx.rng.fork('additionalProgrammes');
  const startsOn = `${ctx.academicYear}-09-01`;
  const attending = (from: number, to: number): StudentInfo[] =>
    ctx.students.filter((s) => s.row.educationForm === 'inSchool' && s.classInfo.grade >= from && s.classInfo.grade <= to);
  const teacherOf = (speciality: string) => {
    const candidates = ctx.employees.filter((e) => e.kind === 'teacher' && e.speciality?.key === speciality);
    return candidates.reduce<(typeof candidates)[number] | null>((best, e) => (best === null || e.hours < best.hours ? e : best), null);
  };
  const programmes = [
    {
      name: 'Робототехника', direction: 'technical', ageFrom: 10, ageTo: 14, hours: 2, total: 68, grades: [5, 8] as const, speciality: 'informatics',
      description: 'Конструирование и программирование роботов: от первых моделей к соревнованиям.',
    },
    {
      name: 'Школьный театр', direction: 'arts', ageFrom: 8, ageTo: 17, hours: 2, total: 68, grades: [2, 10] as const, speciality: 'russian',
      description: 'Сценическая речь, актёрское мастерство, постановка спектаклей.',
    },
  ];
  const subjectRows: (typeof subjects.$inferInsert)[] = [];
  const programmeRows: (typeof additionalProgrammes.$inferInsert)[] = [];
  const groupRows: (typeof studyGroups.$inferInsert)[] = [];
  const memberRows: (typeof studyGroupMembers.$inferInsert)[] = [];
  const loadRows: (typeof teachingLoads.$inferInsert)[] = [];
  for (const p of programmes) {
    const subjectId = uuidv7();
    subjectRows.push({ schoolId: ctx.schoolId, id: subjectId, name: p.name, shortName: p.name, levels: ['primary', 'basic', 'secondary'], kind: 'additional' });
    programmeRows.push({
      schoolId: ctx.schoolId, id: uuidv7(), academicYear: ctx.academicYear, subjectId, name: p.name, direction: p.direction,
      ageFrom: p.ageFrom, ageTo: p.ageTo, hoursPerWeek: String(p.hours), totalHours: p.total, description: p.description,
    });
    const groupId = uuidv7();
    groupRows.push({ schoolId: ctx.schoolId, id: groupId, academicYear: ctx.academicYear, kind: 'activity', name: `${p.name} (гр. 1)`, subjectId, classId: null });
    for (const s of rng.sample(attending(p.grades[0], p.grades[1]), 10)) {
      memberRows.push({ schoolId: ctx.schoolId, id: uuidv7(), studyGroupId: groupId, studentId: s.row.id, startsOn, endsOn: null });
    }
    const teacher = teacherOf(p.speciality);
    if (teacher) {
      loadRows.push({
        schoolId: ctx.schoolId, id: uuidv7(), academicYear: ctx.academicYear, employeeId: teacher.row.id, subjectId,
        classId: null, studyGroupId: groupId, hoursPerWeek: String(p.hours),
      });
      teacher.hours += p.hours;
    }
  }
  await q.insert(subjects).values(subjectRows);
  await q.insert(additionalProgrammes).values(programmeRows);
  await q.insert(studyGroups).values(groupRows);
  if (memberRows.length > 0) await q.insert(studyGroupMembers).values(memberRows);
  if (loadRows.length > 0) await q.insert(teachingLoads).values(loadRows);
  // The context mirrors what the school holds: the later steps and the summary count these too.
  ctx.studyGroups.push(...groupRows.map((g) => ({ ...g, id: g.id! })));
  ctx.studyGroupMembers.push(...memberRows.map((m) => ({ ...m, id: m.id! })));
  ctx.teachingLoads.push(...loadRows.map((l) => ({ ...l, id: l.id! })));
}
