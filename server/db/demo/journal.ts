// The demo journal (issue 6, item 13): every demo school gets a work programme for each load row
// (topics with hours and, in mathematics and Russian, КЭС codes from a small codifier of the
// school; control works planned at some topics), and the current term up to yesterday is filled
// in the way teachers fill it: lessons with the programme's topics in order, homework on most of
// them, attendance (≈ 4 % absences: illness spells, a few unexcused, some late), marks — about
// 2–3 per student per subject per week, mostly 4 and 5 — in the school's forms of control with
// their weights, a few debts («точка») and comments, and an audit row ('create') for each mark,
// attendance entry, topic and homework, as the journal writes them.
//
// The first school has a published timetable: its lessons are the timetable's dated lessons
// (lessons by date over the calendar and the bells, decision 018), the rows carry
// `timetable_lesson_id` and `planned_date`. The other schools have no timetable: a weekly pattern
// is laid out from each class's load and the rows have no timetable lesson (decision 020).
// Seeded: the same seed and the same `today` give the same journal (ids differ). Rows go in with
// one array parameter per column (`unnest`, server/db/bulk.ts) in large chunks. By default only the term's last
// `demoJournalWeeks` weeks are filled: the embedded database writes about 10,000 indexed rows a
// second, and a week of a school's journal is ≈ 20,000 marks with as many audit rows.
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { AbsenceReason, AttendanceCategory } from '../../../domain/attendance';
import { addDays, gradeSummaries, schoolDayOf, type AcademicCalendar } from '../../../domain/calendar';
import { typicalCalendar } from '../../../domain/calendar-template';
import { heldLessons, lessonsBetween } from '../../../domain/lessons-by-date';
import { toFivePoint, type ConversionTable, type MarkScaleKind } from '../../../domain/mark-scale';
import { loadYear } from '../../features/lessons/lessons.service';
import { insertMany } from '../bulk';
import type { Queryable } from '../client';
import {
  attendanceEntries, contentCodifiers, contentElements, controlForms, homework, journalAudit, journalLessons, markScales, marks,
  plannedTopics, workProgrammes,
} from '../schema';
import type { ClassInfo, EmployeeInfo, SchoolContext, StudentInfo } from './generate';
import { codifiedSubjects, codifierSeeds, homeworkTemplates, markComments, topicsOf, type TopicSeed } from './journal-content';
import type { Random } from './random';
import { lessonsFrom } from './year-regimes';
import { catalogueSubject, type SubjectKey } from './subjects';

// ---------------------------------------------------------------------------------------------
// Options and summary

export type DemoJournalOptions = {
  /** Today in the school's time zone (YYYY-MM-DD); the journal runs up to the day before. Default: the clock's date. */
  today?: string;
  /**
   * Only the last N weeks of the term up to yesterday; null: the whole term. Default `demoJournalWeeks`:
   * on the embedded database a week of a school's journal (≈ 20,000 marks with their audit rows)
   * takes about 4 s to write, so the whole term would add tens of seconds to `otmetka demo`.
   */
  weeks?: number | null;
  /** The first N schools get the whole term whatever `weeks` says (the benchmark's measured schools). */
  fullTermSchools?: number;
};

export type DemoJournalSummary = {
  programmes: number;
  plannedTopics: number;
  lessons: number;
  homework: number;
  attendance: number;
  marks: number;
  debts: number;
  audit: number;
  /** The dates the journal covers (the widest over the grades), or null when there is nothing to fill. */
  from: string | null;
  to: string | null;
};

/** Weeks of the journal `otmetka demo` writes by default (the mark-entry window is one week). */
export const demoJournalWeeks = 2;

/** The local date of an instant in a time zone. */
export const localDate = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/**
 * The dates of a grade's journal: its current term from the start up to yesterday; in a holiday,
 * the term before it up to its end; before the year or after it, the whole first term.
 */
export function journalRange(calendar: AcademicCalendar, grade: number, today: string): { from: string; to: string } | null {
  const scheme = calendar.termSchemes.find((s) => s.grades.includes(grade));
  const terms = [...(scheme?.terms ?? [])].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const first = terms[0];
  if (!first) return null;
  const yesterday = addDays(today, -1);
  if (yesterday < first.startsOn || today > calendar.endsOn) return { from: first.startsOn, to: first.endsOn };
  const term = terms.filter((t) => t.startsOn <= yesterday).at(-1)!;
  return { from: term.startsOn, to: yesterday < term.endsOn ? yesterday : term.endsOn };
}

// ---------------------------------------------------------------------------------------------
// Rates (what «realistic» means here)

/** Marks a student gets in a subject in a week, at most (a subject of 1–2 hours gets fewer). */
const marksPerWeek = 2.5;
/** Share of ordinary lessons where the whole class writes a short work (every student present gets a mark). */
const classWorkShare = 0.12;
/** Illness: a spell starts on a school day with this chance and lasts 2–6 days. */
const illnessStart = 0.008;
const unexcusedShare = 0.008;
const familyShare = 0.003;
const lateShare = 0.005;
const homeworkShare = 0.82;
const commentShare = 0.02;
/** Hours between control works in a programme. */
const controlEvery = (hoursPerWeek: number): number => (hoursPerWeek >= 3 ? 12 : 9);

/** Subjects with control works in their programmes, and the form they are written in. */
const controlledSubjects: ReadonlySet<SubjectKey> = new Set([
  'russian', 'mathematics', 'algebra', 'geometry', 'algebraAnalysis', 'probability', 'physics', 'chemistry', 'english', 'biology',
  'geography', 'history', 'informatics', 'socialStudies', 'literature',
]);
/** Pass/fail subjects: every mark is «зачёт» or «незачёт». */
const passFailSubjects: ReadonlySet<SubjectKey> = new Set(['orkse', 'odnknr']);
/** Subjects with practical and laboratory works. */
const practicalSubjects: ReadonlySet<SubjectKey> = new Set(['physics', 'chemistry', 'biology', 'informatics', 'technology']);

// ---------------------------------------------------------------------------------------------
// The school's facts the journal needs

type Form = { id: string; name: string; weight: string; scale: { kind: MarkScaleKind; conversion: ConversionTable | null } };
type Forms = {
  control: Form; dictation: Form; independent: Form; practical: Form; answer: Form; homework: Form; test: Form; passFail: Form;
};

async function loadForms(q: Queryable, schoolId: string): Promise<Forms> {
  const rows = await q.select({ id: controlForms.id, name: controlForms.name, weight: controlForms.weight, kind: markScales.kind, conversion: markScales.conversion })
    .from(controlForms)
    .innerJoin(markScales, and(eq(markScales.schoolId, controlForms.schoolId), eq(markScales.id, controlForms.markScaleId)))
    .where(eq(controlForms.schoolId, schoolId));
  const byName = (name: string): Form => {
    const r = rows.find((x) => x.name === name);
    if (!r) throw new Error(`The demo school lacks the control form «${name}»`);
    return { id: r.id, name: r.name, weight: r.weight, scale: { kind: r.kind as MarkScaleKind, conversion: (r.conversion as ConversionTable | null) ?? null } };
  };
  return {
    control: byName('Контрольная работа'), dictation: byName('Диктант'), independent: byName('Самостоятельная работа'),
    practical: byName('Практическая/лабораторная работа'), answer: byName('Ответ на уроке'), homework: byName('Домашняя работа'),
    test: byName('Тест'), passFail: byName('Зачёт'),
  };
}

/** A load row as the journal keeps it: who teaches which subject to which class or group. */
type Track = {
  loadId: string;
  subjectId: string;
  subject: SubjectKey;
  hoursPerWeek: number;
  classId: string | null;
  studyGroupId: string | null;
  classInfo: ClassInfo;
  unitName: string;
  teacher: EmployeeInfo;
  students: StudentInfo[];
};

function tracksOf(ctx: SchoolContext): Track[] {
  const subjectKey = new Map([...ctx.subjects].map(([key, row]) => [row.id, key]));
  const classById = new Map(ctx.classes.map((c) => [c.row.id, c]));
  const employeeById = new Map(ctx.employees.map((e) => [e.row.id, e]));
  const studentById = new Map(ctx.students.map((s) => [s.row.id, s]));
  const groupById = new Map(ctx.studyGroups.map((g) => [g.id, g]));
  const membersOf = new Map<string, StudentInfo[]>();
  for (const m of ctx.studyGroupMembers) {
    const s = studentById.get(m.studentId);
    if (s) membersOf.set(m.studyGroupId, [...(membersOf.get(m.studyGroupId) ?? []), s]);
  }
  const out: Track[] = [];
  for (const load of ctx.teachingLoads) {
    const subject = subjectKey.get(load.subjectId);
    const teacher = employeeById.get(load.employeeId);
    const group = load.studyGroupId ? groupById.get(load.studyGroupId) : undefined;
    const classInfo = load.classId ? classById.get(load.classId) : group?.classId ? classById.get(group.classId) : undefined;
    if (!subject || !teacher || !classInfo) continue;
    // Students in family education come only for attestation: they are in no lesson's list.
    const students = (group ? membersOf.get(group.id) ?? [] : classInfo.students).filter((s) => s.row.educationForm === 'inSchool');
    out.push({
      loadId: load.id, subjectId: load.subjectId, subject, hoursPerWeek: Number(load.hoursPerWeek), classId: load.classId ?? null,
      studyGroupId: load.studyGroupId ?? null, classInfo, unitName: group ? group.name : classInfo.name, teacher, students,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Work programmes

type TopicRow = typeof plannedTopics.$inferInsert & { id: string; hours: number; title: string; contentElementCodes: string[] };

/** A track's plan: topics cycled from the subject's list (numbered on later rounds), control works among them, a review at the end. */
function planTopics(rng: Random, track: Track, yearHours: number, forms: Forms, schoolId: string, programmeId: string): TopicRow[] {
  const seeds: TopicSeed[] = topicsOf(track.subject, track.classInfo.grade);
  if (seeds.length === 0) seeds.push({ title: catalogueSubject(track.subject).name });
  const controlled = controlledSubjects.has(track.subject) && track.classInfo.grade >= 2;
  const every = controlEvery(track.hoursPerWeek);
  const rows: TopicRow[] = [];
  const push = (title: string, hours: number, codes: readonly string[], controlFormId: string | null) => rows.push({
    schoolId, id: uuidv7(), workProgrammeId: programmeId, position: rows.length + 1, section: null, title, hours,
    contentElementCodes: [...codes], controlFormId,
  });
  const reserve = Math.min(yearHours - 1, controlled ? 3 : 2);
  let left = yearHours - reserve;
  let sinceControl = 0;
  let dictation = false;
  for (let k = 0; left > 0; k++) {
    const seed = seeds[k % seeds.length]!;
    const round = Math.floor(k / seeds.length);
    const title = round === 0 ? seed.title : `${seed.title}. Часть ${round + 1}`;
    const big = track.hoursPerWeek >= 4 ? 2 : 1;
    const hours = Math.min(left, rng.weighted([[1, 20], [2, 35], [3, 25], [4, 20]] as const) * big);
    push(title, hours, seed.codes ?? [], null);
    left -= hours;
    sinceControl += hours;
    if (controlled && sinceControl >= every && left > 1) {
      const form = track.subject === 'russian' && (dictation = !dictation) ? forms.dictation : forms.control;
      push(form === forms.dictation ? `Контрольный диктант по теме «${seed.title}»` : `Контрольная работа по теме «${seed.title}»`, 1, seed.codes ?? [], form.id);
      left -= 1;
      sinceControl = 0;
    }
  }
  if (reserve > 0) {
    if (controlled && reserve >= 2) {
      push('Повторение и обобщение изученного за год', reserve - 1, [], null);
      push('Итоговая контрольная работа', 1, [], forms.control.id);
    } else {
      push('Повторение и обобщение изученного за год', reserve, [], null);
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Lessons of each track

/** One lesson of a track in the journal. */
type Lesson = { date: string; lessonNumber: number; timetableLessonId: string | null; plannedDate: string | null; format: 'inPerson' | 'distance'; distanceUrl: string | null; end: string };

/** Bell times of the pattern schools (their lessons have no timetable): the first shift's bells. */
const patternBells = lessonsFrom('08:30', 45, [10, 20, 20, 10, 10, 10, 10, 10]);
const endOf = (lessonNumber: number): string => patternBells[Math.min(lessonNumber, patternBells.length) - 1]!.endsAt;

/** The first school's lessons: the published timetable by date, held ones of each track's subject and unit, in the track's grade range. */
async function timetableLessons(
  q: Queryable, ctx: SchoolContext, tracks: readonly Track[], ranges: ReadonlyMap<number, { from: string; to: string }>,
): Promise<Map<Track, Lesson[]> | null> {
  const { schoolId, academicYear } = ctx;
  const froms = [...ranges.values()].map((r) => r.from).sort();
  const tos = [...ranges.values()].map((r) => r.to).sort();
  if (froms.length === 0) return new Map();
  const from = froms[0]!;
  const to = tos.at(-1)!;
  // The source the lessons feature computes dated lessons from, read one query after another:
  // inside the demo's transaction there is one connection.
  const { source } = await loadYear(q, schoolId, academicYear, from, to, true);
  if (source.versions.length === 0) return null;
  const byKey = new Map(tracks.map((t) => [`${t.subjectId}|${t.classId ?? t.studyGroupId}`, t]));
  const out = new Map<Track, Lesson[]>(tracks.map((t) => [t, []]));
  for (const l of heldLessons(lessonsBetween(source, from, to))) {
    if (l.kind !== 'regular') continue;
    const track = byKey.get(`${l.subjectId}|${l.classId ?? l.studyGroupId}`);
    const range = track ? ranges.get(track.classInfo.grade) : undefined;
    if (!track || !range || l.date < range.from || l.date > range.to) continue;
    out.get(track)!.push({
      date: l.date, lessonNumber: l.lessonNumber, timetableLessonId: l.timetableLessonId, plannedDate: l.lessonDate,
      format: l.format, distanceUrl: l.distanceUrl, end: l.end ?? endOf(l.lessonNumber),
    });
  }
  return out;
}

/**
 * A school without a timetable: each class's week laid out from its load — the hours of a subject
 * spread over the days, the day's order shuffled — and repeated over the school days of the range.
 * Subgroups of a class learn the split subject at the same hour.
 */
function patternLessons(rng: Random, calendar: AcademicCalendar, tracks: readonly Track[], ranges: ReadonlyMap<number, { from: string; to: string }>): Map<Track, Lesson[]> {
  const out = new Map<Track, Lesson[]>(tracks.map((t) => [t, []]));
  const byClass = new Map<ClassInfo, Track[]>();
  for (const t of tracks) byClass.set(t.classInfo, [...(byClass.get(t.classInfo) ?? []), t]);
  for (const [classInfo, classTracks] of byClass) {
    const range = ranges.get(classInfo.grade);
    if (!range) continue;
    const subjects = new Map<SubjectKey, { hours: number; tracks: Track[] }>();
    for (const t of classTracks) {
      const s = subjects.get(t.subject) ?? { hours: t.hoursPerWeek, tracks: [] };
      s.tracks.push(t);
      subjects.set(t.subject, s);
    }
    const days: SubjectKey[][] = [[], [], [], [], []];
    let offset = 0;
    for (const [key, s] of [...subjects].sort((a, b) => b[1].hours - a[1].hours)) {
      const hours = Math.round(s.hours);
      for (let k = 0; k < hours; k++) days[(offset + Math.floor((k * 5) / hours)) % 5]!.push(key);
      offset += 1;
    }
    const slots = new Map<SubjectKey, { weekday: number; lessonNumber: number }[]>();
    days.forEach((list, i) => rng.shuffle(list).forEach((key, n) => {
      slots.set(key, [...(slots.get(key) ?? []), { weekday: i + 1, lessonNumber: n + 1 }]);
    }));
    for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
      const day = schoolDayOf(calendar, classInfo.grade, date);
      if (!day.schoolDay) continue;
      for (const [key, s] of subjects) {
        for (const slot of slots.get(key) ?? []) {
          if (slot.weekday !== day.timetableDay) continue;
          for (const t of s.tracks) {
            out.get(t)!.push({ date, lessonNumber: slot.lessonNumber, timetableLessonId: null, plannedDate: null, format: 'inPerson', distanceUrl: null, end: endOf(slot.lessonNumber) });
          }
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Students: ability and absences

/** A standard normal draw (Box–Muller). */
const normal = (rng: Random): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());

type Absence = { category: AttendanceCategory; code: string; reason: AbsenceReason | null; minutes: number | null };

/** The days each student is ill, off for family reasons, drawn over the school days of the widest range. */
function absenceDays(rng: Random, students: readonly StudentInfo[], from: string, to: string): Map<string, Map<string, Absence>> {
  const out = new Map<string, Map<string, Absence>>();
  for (const s of students) {
    const days = new Map<string, Absence>();
    for (let date = from; date <= to; date = addDays(date, 1)) {
      if (days.has(date)) continue;
      if (rng.chance(illnessStart)) {
        const length = rng.int(2, 6);
        for (let k = 0; k < length; k++) days.set(addDays(date, k), { category: 'absentExcused', code: 'Б', reason: 'illness', minutes: null });
      } else if (rng.chance(familyShare / 3)) {
        days.set(date, { category: 'absentExcused', code: 'П', reason: rng.chance(0.7) ? 'family' : 'other', minutes: null });
      }
    }
    if (days.size > 0) out.set(s.row.id, days);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Building the rows

type Rows = {
  codifiers: (typeof contentCodifiers.$inferInsert)[];
  elements: (typeof contentElements.$inferInsert)[];
  programmes: (typeof workProgrammes.$inferInsert)[];
  topics: TopicRow[];
  lessons: (typeof journalLessons.$inferInsert)[];
  homework: (typeof homework.$inferInsert)[];
  attendance: (typeof attendanceEntries.$inferInsert)[];
  marks: (typeof marks.$inferInsert)[];
  audit: (typeof journalAudit.$inferInsert)[];
};

/** An instant `minutes` after a local time of a date in the demo's zone (Perm: UTC+5 all year). */
const instantAt = (date: string, time: string, minutes = 0): Date => new Date(Date.parse(`${date}T${time}:00+05:00`) + minutes * 60_000);

const fill = (template: string, rng: Random, topic: string): string => {
  const n = rng.int(40, 680);
  const p = rng.int(12, 190);
  return template.replaceAll('{n}', String(n)).replaceAll('{m}', String(n + rng.int(1, 6))).replaceAll('{p}', String(p))
    .replaceAll('{q}', String(p + rng.int(1, 4))).replaceAll('{topic}', topic);
};

export async function seedJournal(q: Queryable, ctx: SchoolContext, options: DemoJournalOptions = {}): Promise<DemoJournalSummary> {
  const { schoolId, academicYear } = ctx;
  const rng = ctx.rng.fork('journal');
  const today = options.today ?? localDate(new Date(), ctx.school.timeZone ?? 'Asia/Yekaterinburg');
  const calendar = typicalCalendar(academicYear);
  const weeksOfGrade = new Map(gradeSummaries(calendar).map((g) => [g.grade, g.weeks]));
  const forms = await loadForms(q, schoolId);
  const tracks = tracksOf(ctx);

  const ranges = new Map<number, { from: string; to: string }>();
  for (const grade of new Set(ctx.classes.map((c) => c.grade))) {
    const r = journalRange(calendar, grade, today);
    if (!r) continue;
    const weeks = ctx.plan.index < (options.fullTermSchools ?? 0) ? null : options.weeks === undefined ? demoJournalWeeks : options.weeks;
    const from = weeks ? [r.from, addDays(r.to, -7 * weeks + 1)].sort().at(-1)! : r.from;
    if (from <= r.to) ranges.set(grade, { from, to: r.to });
  }

  const rows: Rows = { codifiers: [], elements: [], programmes: [], topics: [], lessons: [], homework: [], attendance: [], marks: [], audit: [] };

  // Codifiers of КЭС the school loaded, one per codified subject family.
  const codifierIds = new Map<'math' | 'russian', string>();
  for (const [key, seed] of Object.entries(codifierSeeds) as ['math' | 'russian', (typeof codifierSeeds)['math']][]) {
    const subject = ctx.subjects.get(seed.subject);
    if (!subject) continue;
    const id = uuidv7();
    codifierIds.set(key, id);
    rows.codifiers.push({ schoolId, id, name: seed.name, subjectId: subject.id, source: seed.source, editionYear: seed.editionYear });
    seed.rows.forEach((r, i) => rows.elements.push({
      schoolId, id: uuidv7(), codifierId: id, code: r.code, parentCode: r.code.includes('.') ? r.code.slice(0, r.code.lastIndexOf('.')) : null,
      title: r.title, isSection: !r.code.includes('.'), position: i + 1,
    }));
  }

  // Programmes and their plans.
  const planOf = new Map<Track, TopicRow[]>();
  for (const [n, track] of tracks.entries()) {
    const id = uuidv7();
    const family = track.classInfo.grade >= 5 ? codifiedSubjects[track.subject] : undefined;
    const yearHours = Math.max(1, Math.round(track.hoursPerWeek * (weeksOfGrade.get(track.classInfo.grade) ?? 34)));
    rows.programmes.push({
      schoolId, id, academicYear, employeeId: track.teacher.row.id, subjectId: track.subjectId, classId: track.classId, studyGroupId: track.studyGroupId,
      teachingLoadId: track.loadId, codifierId: family ? codifierIds.get(family) ?? null : null,
      title: `${catalogueSubject(track.subject).name}, ${track.unitName}`, createdBy: track.teacher.row.accountId ?? null,
    });
    const plan = planTopics(rng.fork('plan', n), track, yearHours, forms, schoolId, id);
    if (!family) for (const t of plan) t.contentElementCodes = [];
    planOf.set(track, plan);
    rows.topics.push(...plan);
  }

  // The lessons of the range: the timetable's (first school) or a weekly pattern.
  const lessonsOf = (ctx.plan.index === 0 ? await timetableLessons(q, ctx, tracks, ranges) : null)
    ?? patternLessons(rng.fork('pattern'), calendar, tracks, ranges);

  const allFrom = [...ranges.values()].map((r) => r.from).sort()[0] ?? null;
  const allTo = [...ranges.values()].map((r) => r.to).sort().at(-1) ?? null;
  const absences = allFrom && allTo ? absenceDays(rng.fork('absences'), ctx.students, allFrom, allTo) : new Map<string, Map<string, Absence>>();
  const abilityRng = rng.fork('ability');
  const ability = new Map(ctx.students.map((s) => [s.row.id, Math.min(4.9, Math.max(2.9, 4.0 + 0.45 * normal(abilityRng)))]));

  let debts = 0;
  for (const [n, track] of tracks.entries()) {
    const lessons = (lessonsOf.get(track) ?? []).sort((a, b) => a.date.localeCompare(b.date) || a.lessonNumber - b.lessonNumber);
    const plan = planOf.get(track) ?? [];
    const t = rng.fork('track', n);
    const grade = track.classInfo.grade;
    const teacherAccount = track.teacher.row.accountId ?? null;
    const audit = (entityType: string, entityId: string, journalLessonId: string, studentId: string | null, value: unknown, at: Date) => rows.audit.push({
      schoolId, id: uuidv7(), actorAccountId: teacherAccount, actorRole: 'subjectTeacher', entityType, entityId, action: 'create', journalLessonId, studentId, old: null, new: value, at,
    });
    // Expected marks per student per lesson, and the chance of a mark on an ordinary lesson.
    const perLesson = Math.min(marksPerWeek / Math.max(1, track.hoursPerWeek), 0.9);
    const individual = Math.min(0.95, Math.max(0.05, (perLesson - classWorkShare) / (1 - classWorkShare)));
    const subjectShift = new Map(track.students.map((s) => [s.row.id, 0.25 * normal(t)]));
    const templates = homeworkTemplates[track.subject] ?? homeworkTemplates.any;
    let hoursLeft = 0;
    let topicIndex = -1;

    lessons.forEach((lesson, i) => {
      // Topics fill the lessons in order: a topic of N hours takes the next N lessons.
      while (hoursLeft <= 0 && topicIndex < plan.length - 1) hoursLeft = Math.max(1, plan[++topicIndex]!.hours);
      const topic = hoursLeft > 0 ? plan[topicIndex]! : null;
      hoursLeft -= 1;
      const lessonId = uuidv7();
      const done = instantAt(lesson.date, lesson.end, 5);
      const title = topic?.title ?? catalogueSubject(track.subject).name;
      rows.lessons.push({
        schoolId, id: lessonId, academicYear, date: lesson.date, lessonNumber: lesson.lessonNumber, timetableLessonId: lesson.timetableLessonId,
        plannedDate: lesson.plannedDate, subjectId: track.subjectId, classId: track.classId, studyGroupId: track.studyGroupId,
        employeeId: track.teacher.row.id, kind: 'regular', format: lesson.format, distanceUrl: lesson.distanceUrl, plannedTopicId: topic?.id ?? null,
        topic: title, attendanceTakenAt: done, createdBy: teacherAccount, createdAt: done, updatedAt: done,
      });
      audit('topic', lessonId, lessonId, null, { topic: title, plannedTopicId: topic?.id ?? null }, done);

      // Homework: none in the first grade (СанПиН); most lessons otherwise, due at the next lesson.
      if (grade > 1 && topic?.controlFormId == null && t.chance(homeworkShare)) {
        const id = uuidv7();
        const dueDate = lessons[i + 1]?.date ?? addDays(lesson.date, 7);
        const text = fill(t.pick(templates), t, title);
        rows.homework.push({
          schoolId, id, journalLessonId: lessonId, text, dueDate, requiresSubmission: dueDate >= today && t.chance(0.3),
          createdBy: teacherAccount, createdAt: done, updatedAt: done,
        });
        audit('homework', id, lessonId, null, { text, dueDate }, done);
      }

      // Attendance, then marks of those present.
      const present: StudentInfo[] = [];
      const absent: StudentInfo[] = [];
      for (const s of track.students) {
        let entry: Absence | null = absences.get(s.row.id)?.get(lesson.date) ?? null;
        if (!entry && t.chance(unexcusedShare)) entry = { category: 'absentUnexcused', code: 'Н', reason: null, minutes: null };
        else if (!entry && t.chance(lateShare)) entry = { category: 'late', code: 'О', reason: null, minutes: t.int(2, 15) };
        if (entry) {
          const id = uuidv7();
          rows.attendance.push({
            schoolId, id, journalLessonId: lessonId, studentId: s.row.id, date: lesson.date, category: entry.category, code: entry.code,
            reason: entry.reason, minutesLate: entry.minutes, createdBy: teacherAccount, createdAt: done, updatedAt: done,
          });
          audit('attendance', id, lessonId, s.row.id, { code: entry.code, category: entry.category, reason: entry.reason, minutesLate: entry.minutes, document: null, version: 1 }, done);
        }
        if (entry && entry.category !== 'late') absent.push(s);
        else present.push(s);
      }
      // The first grade is taught without marks.
      if (grade === 1) return;

      const addMark = (s: StudentInfo, form: Form, value: string | null, fivePoint: number | null, extra: { isDebt?: boolean; debtDeadline?: string; codes?: string[] } = {}) => {
        const id = uuidv7();
        const at = instantAt(lesson.date, lesson.end, t.int(5, 240));
        const comment = value !== null && t.chance(commentShare) ? t.pick(markComments) : null;
        const row = {
          schoolId, id, journalLessonId: lessonId, studentId: s.row.id, subjectId: track.subjectId, date: lesson.date, controlFormId: form.id,
          value, fivePoint: fivePoint === null ? null : String(fivePoint), weight: form.weight, comment, contentElementCodes: extra.codes ?? [],
          isDebt: extra.isDebt ?? false, debtDeadline: extra.debtDeadline ?? null, createdBy: teacherAccount, createdAt: at, updatedAt: at,
        };
        rows.marks.push(row);
        // The same snapshot the journal's writes keep (markSnapshot in features/journal/lesson-access.ts).
        audit('mark', id, lessonId, s.row.id, {
          value, fivePoint, weight: Number(form.weight), controlFormId: form.id, comment, contentElementCodes: row.contentElementCodes,
          isDebt: row.isDebt, debtDeadline: row.debtDeadline, controlWorkId: null, submissionId: null, version: 1,
        }, at);
      };
      const give = (s: StudentInfo, form: Form, difficulty = 0, codes: string[] = []) => {
        if (form.scale.kind === 'passFail' || passFailSubjects.has(track.subject)) {
          const pass = t.chance(0.96);
          addMark(s, forms.passFail, pass ? 'pass' : 'fail', null);
          return;
        }
        const x = (ability.get(s.row.id) ?? 4) + (subjectShift.get(s.row.id) ?? 0) - difficulty + 0.65 * normal(t);
        if (form.scale.kind === 'hundred') {
          const points = Math.min(100, Math.max(0, Math.round(25 + (x - 2) * 20 + 4 * normal(t))));
          addMark(s, form, String(points), toFivePoint(form.scale, points), { codes });
          return;
        }
        const value = Math.min(5, Math.max(2, Math.round(x)));
        addMark(s, form, String(value), value, { codes });
      };

      const controlForm = topic?.controlFormId ? [forms.control, forms.dictation].find((f) => f.id === topic.controlFormId) ?? forms.control : null;
      if (controlForm) {
        // A control work: everyone present writes it; those absent owe it («точка») while the deadline lasts.
        for (const s of present) give(s, controlForm, 0.15, topic!.contentElementCodes);
        const deadline = addDays(lesson.date, 14);
        if (deadline >= today) {
          for (const s of absent) {
            addMark(s, controlForm, null, null, { isDebt: true, debtDeadline: deadline });
            debts += 1;
          }
        }
        return;
      }
      if (t.chance(classWorkShare)) {
        const form = practicalSubjects.has(track.subject) && t.chance(0.5) ? forms.practical : grade >= 5 && t.chance(0.3) ? forms.test : forms.independent;
        for (const s of present) give(s, form);
        return;
      }
      for (const s of present) {
        if (!t.chance(individual)) continue;
        const form = t.chance(0.6) ? forms.answer : forms.homework;
        const deadline = addDays(lesson.date, 7);
        if (form === forms.homework && deadline >= today && t.chance(0.04)) {
          addMark(s, form, null, null, { isDebt: true, debtDeadline: deadline });
          debts += 1;
          continue;
        }
        give(s, form);
        if (t.chance(0.06)) give(s, form === forms.answer ? forms.homework : forms.answer);
      }
    });
  }

  await insertMany(q, contentCodifiers, rows.codifiers);
  await insertMany(q, contentElements, rows.elements);
  await insertMany(q, workProgrammes, rows.programmes);
  await insertMany(q, plannedTopics, rows.topics);
  await insertMany(q, journalLessons, rows.lessons);
  await insertMany(q, homework, rows.homework);
  await insertMany(q, attendanceEntries, rows.attendance);
  await insertMany(q, marks, rows.marks);
  await insertMany(q, journalAudit, rows.audit);

  return {
    programmes: rows.programmes.length, plannedTopics: rows.topics.length, lessons: rows.lessons.length, homework: rows.homework.length,
    attendance: rows.attendance.length, marks: rows.marks.length, debts, audit: rows.audit.length, from: allFrom, to: allTo,
  };
}
