// The readiness checklist of a school year (regulation 3.2): what the school has set up, item by
// item, in a fixed order — each with a status, a concrete Russian detail and the page that fixes
// it. The server gathers the facts (counts and names); the statuses follow from them here.

export const readinessKeys = [
  'rooms', 'subjects', 'staff', 'contingent', 'calendar', 'regimes', 'controlForms',
  'periods', 'policy', 'curricula', 'groups', 'load', 'timetable', 'workProgrammes',
] as const;
export type ReadinessKey = (typeof readinessKeys)[number];

export const readinessStatuses = ['ready', 'missing', 'warning', 'notAvailable'] as const;
/** ready: done; missing: nothing set up yet; warning: set up with gaps; notAvailable: a module still to come. */
export type ReadinessStatus = (typeof readinessStatuses)[number];

export type ReadinessItem = {
  key: ReadinessKey;
  title: string;
  status: ReadinessStatus;
  detail: string;
  /** The web page where the item is set up. */
  link: string;
  counts: Record<string, number>;
};

/** What the school has for a year; lists name what is missing (class names like «5А», grades). */
export type ReadinessFacts = {
  rooms: { active: number };
  subjects: { active: number };
  staff: { employees: number; classes: number; classesWithoutTeacher: readonly string[] };
  contingent: { classes: number; students: number; emptyClasses: readonly string[] };
  calendar: { saved: boolean; issues: number; gradesWithoutTerms: readonly number[] };
  regimes: { bellSchedules: number; classes: number; classesWithoutRegime: readonly string[] };
  controlForms: { active: number };
  periods: { schedules: number; gradesWithoutTerms: readonly number[] };
  policy: { saved: boolean };
  curricula: { grades: number; gradesWithoutCurriculum: readonly number[] };
  /** Curriculum lines split into groups, and the classes where a split subject has fewer than 2 subgroups. */
  groups: { lines: number; splitLines: number; missing: readonly { className: string; subjectName: string }[] };
  load: { loads: number; ok: boolean; uncovered: number; unsplit: number; overLimit: number; unmatched: number };
};

export const readinessTitles: Record<ReadinessKey, string> = {
  rooms: 'Кабинеты',
  subjects: 'Предметы',
  staff: 'Сотрудники и классные руководители',
  contingent: 'Контингент',
  calendar: 'Календарный учебный график',
  regimes: 'Режимы и звонки',
  controlForms: 'Формы контроля',
  periods: 'Периоды аттестации',
  policy: 'Правила выставления отметок',
  curricula: 'Учебные планы',
  groups: 'Деление на группы',
  load: 'Нагрузка (тарификация)',
  timetable: 'Расписание',
  workProgrammes: 'Рабочие программы',
};

export const readinessLinks: Record<ReadinessKey, string> = {
  rooms: '/year/rooms',
  subjects: '/year/subjects',
  staff: '/org',
  contingent: '/org',
  calendar: '/year/calendar',
  regimes: '/year/regimes',
  controlForms: '/year/control-forms',
  periods: '/year/periods',
  policy: '/year/policy',
  curricula: '/year/curricula',
  groups: '/org',
  load: '/year/load',
  timetable: '/timetable',
  workProgrammes: '/year',
};

/** «5А», «5А и 5Б», «5А, 5Б и 6В»; a long list ends with «и ещё N». */
export function listRu(items: readonly string[], max = 6): string {
  if (items.length === 0) return '';
  if (items.length > max) return `${items.slice(0, max).join(', ')} и ещё ${items.length - max}`;
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(', ')} и ${items.at(-1)!}`;
}

const gradesRu = (grades: readonly number[]): string =>
  `${listRu([...grades].sort((a, b) => a - b).map(String))} ${grades.length === 1 ? 'параллели' : 'параллелей'}`;

const classesRu = (names: readonly string[]): string => `${names.length === 1 ? 'класс' : 'классы'} ${listRu(names)}`;

type Verdict = { status: ReadinessStatus; detail: string; counts: Record<string, number> };

const ready = (detail: string, counts: Record<string, number>): Verdict => ({ status: 'ready', detail, counts });
const missing = (detail: string, counts: Record<string, number>): Verdict => ({ status: 'missing', detail, counts });
const warning = (detail: string, counts: Record<string, number>): Verdict => ({ status: 'warning', detail, counts });
const notAvailable = (detail: string): Verdict => ({ status: 'notAvailable', detail, counts: {} });

const noClasses = 'Нет классов учебного года';

function verdictOf(key: ReadinessKey, f: ReadinessFacts): Verdict {
  switch (key) {
    case 'rooms': {
      const counts = { rooms: f.rooms.active };
      return f.rooms.active > 0 ? ready(`Кабинетов: ${f.rooms.active}`, counts) : missing('Нет ни одного кабинета', counts);
    }
    case 'subjects': {
      const counts = { subjects: f.subjects.active };
      return f.subjects.active > 0 ? ready(`Предметов: ${f.subjects.active}`, counts) : missing('Нет ни одного предмета', counts);
    }
    case 'staff': {
      const s = f.staff;
      const counts = { employees: s.employees, classesWithoutTeacher: s.classesWithoutTeacher.length };
      if (s.employees === 0) return missing('Нет ни одного сотрудника', counts);
      if (s.classesWithoutTeacher.length > 0) return warning(`Нет классного руководителя: ${classesRu(s.classesWithoutTeacher)}`, counts);
      return ready(`Сотрудников: ${s.employees}`, counts);
    }
    case 'contingent': {
      const c = f.contingent;
      const counts = { classes: c.classes, students: c.students, emptyClasses: c.emptyClasses.length };
      if (c.classes === 0) return missing(noClasses, counts);
      if (c.students === 0) return missing('В классах нет ни одного ученика', counts);
      if (c.emptyClasses.length > 0) return warning(`Нет учеников: ${classesRu(c.emptyClasses)}`, counts);
      return ready(`Классов: ${c.classes}, учеников: ${c.students}`, counts);
    }
    case 'calendar': {
      const c = f.calendar;
      const counts = { issues: c.issues, gradesWithoutTerms: c.gradesWithoutTerms.length };
      if (!c.saved) return missing('Календарный учебный график не сохранён', counts);
      if (c.issues > 0) return warning(`В графике есть ошибки: ${c.issues}`, counts);
      if (c.gradesWithoutTerms.length > 0) return warning(`Нет четвертей (триместров, полугодий) для ${gradesRu(c.gradesWithoutTerms)}`, counts);
      return ready('График сохранён, все параллели разбиты на периоды', counts);
    }
    case 'regimes': {
      const r = f.regimes;
      const counts = { bellSchedules: r.bellSchedules, classes: r.classes, classesWithoutRegime: r.classesWithoutRegime.length };
      if (r.bellSchedules === 0) return missing('Нет ни одного расписания звонков', counts);
      if (r.classes === 0) return missing(noClasses, counts);
      if (r.classesWithoutRegime.length === r.classes) return missing('Ни одному классу не назначен режим на первый день учебного года', counts);
      if (r.classesWithoutRegime.length > 0) return warning(`Не назначен режим: ${classesRu(r.classesWithoutRegime)}`, counts);
      return ready(`Режим назначен всем классам (${r.classes})`, counts);
    }
    case 'controlForms': {
      const counts = { controlForms: f.controlForms.active };
      return f.controlForms.active > 0 ? ready(`Форм контроля: ${f.controlForms.active}`, counts) : missing('Нет ни одной формы контроля', counts);
    }
    case 'periods': {
      const p = f.periods;
      const counts = { schedules: p.schedules, gradesWithoutTerms: p.gradesWithoutTerms.length };
      if (p.schedules === 0) return missing('Периоды аттестации не заданы', counts);
      if (p.gradesWithoutTerms.length > 0) return warning(`Нет периодов аттестации для ${gradesRu(p.gradesWithoutTerms)}`, counts);
      return ready('Периоды аттестации заданы для всех параллелей', counts);
    }
    case 'policy':
      return f.policy.saved ? ready('Правила сохранены', {}) : missing('Правила выставления отметок на этот год не сохранены', {});
    case 'curricula': {
      const c = f.curricula;
      const counts = { grades: c.grades, gradesWithoutCurriculum: c.gradesWithoutCurriculum.length };
      if (c.grades === 0) return missing(noClasses, counts);
      if (c.gradesWithoutCurriculum.length === c.grades) return missing('Нет ни одного учебного плана', counts);
      if (c.gradesWithoutCurriculum.length > 0) return warning(`Нет учебного плана для ${gradesRu(c.gradesWithoutCurriculum)}`, counts);
      return ready('Учебный план есть у всех параллелей', counts);
    }
    case 'groups': {
      const g = f.groups;
      const counts = { splitLines: g.splitLines, missing: g.missing.length };
      if (g.lines === 0) return missing('Сначала заполните учебный план', counts);
      if (g.missing.length > 0) {
        const what = listRu(g.missing.map((m) => `${m.className} (${m.subjectName})`), 4);
        return warning(`Меньше двух подгрупп: ${what}`, counts);
      }
      if (g.splitLines === 0) return ready('Деления на группы в учебных планах нет', counts);
      return ready('Все классы разделены на подгруппы, где этого требует учебный план', counts);
    }
    case 'load': {
      const l = f.load;
      const counts = { loads: l.loads, uncovered: l.uncovered, unsplit: l.unsplit, overLimit: l.overLimit, unmatched: l.unmatched };
      if (l.loads === 0) return missing('Нагрузка учителей не распределена', counts);
      if (!l.ok) {
        const parts = [
          l.uncovered > 0 ? `часы без учителя: ${l.uncovered}` : null,
          l.unsplit > 0 ? `не разделены на подгруппы: ${l.unsplit}` : null,
          l.overLimit > 0 ? `учителя сверх ставки: ${l.overLimit}` : null,
          l.unmatched > 0 ? `нагрузка вне учебного плана: ${l.unmatched}` : null,
        ].filter((p) => p !== null);
        return warning(parts.length > 0 ? `Нагрузка не сходится с учебным планом: ${parts.join('; ')}` : 'Нагрузка не сходится с учебным планом', counts);
      }
      return ready(`Нагрузка распределена (строк: ${l.loads})`, counts);
    }
    case 'timetable':
      return notAvailable('Появится вместе с модулем расписания');
    case 'workProgrammes':
      return notAvailable('Появится вместе с модулем рабочих программ');
  }
}

/** The checklist in its fixed order. */
export function readinessOf(facts: ReadinessFacts): ReadinessItem[] {
  return readinessKeys.map((key) => ({ key, title: readinessTitles[key], link: readinessLinks[key], ...verdictOf(key, facts) }));
}

/** «Готово N из M»: items that are ready, out of those that can be (notAvailable ones are not counted). */
export function readinessProgress(items: readonly ReadinessItem[]): { ready: number; total: number } {
  return {
    ready: items.filter((i) => i.status === 'ready').length,
    total: items.filter((i) => i.status !== 'notAvailable').length,
  };
}
