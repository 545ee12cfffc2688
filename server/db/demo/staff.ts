// Who works in a demo school: teachers by speciality (what they teach, in which grades) and the
// other staff. The number of teachers of a speciality follows from the weekly hours of the
// school's classes.
import type { SubjectKey } from './subjects';

export type Speciality = {
  key: string;
  position: string;
  /** Subjects this teacher teaches, with the grades they take them in. */
  teaches: readonly { subject: SubjectKey; grades: readonly [number, number] }[];
  /** Share of women among such teachers. */
  femaleShare: number;
};

/** A primary-school teacher has one class (grades 1–4) and teaches it everything but the specialists' subjects. */
export const primaryTeacher: Speciality = {
  key: 'primary',
  position: 'Учитель начальных классов',
  teaches: (['russian', 'literaryReading', 'mathematics', 'worldAround', 'orkse', 'art', 'technology'] as const).map((subject) => ({
    subject,
    grades: [1, 4] as const,
  })),
  femaleShare: 0.97,
};

const all = (subjects: readonly SubjectKey[], grades: readonly [number, number]) => subjects.map((subject) => ({ subject, grades }));

/** Subject specialists, in the order their rows are listed. */
export const specialities: readonly Speciality[] = [
  { key: 'russian', position: 'Учитель русского языка и литературы', teaches: all(['russian', 'literature'], [5, 11]), femaleShare: 0.95 },
  { key: 'math', position: 'Учитель математики', teaches: all(['mathematics', 'algebra', 'algebraAnalysis', 'geometry', 'probability'], [5, 11]), femaleShare: 0.85 },
  { key: 'english', position: 'Учитель английского языка', teaches: all(['english'], [2, 11]), femaleShare: 0.92 },
  { key: 'informatics', position: 'Учитель информатики', teaches: all(['informatics'], [7, 11]), femaleShare: 0.5 },
  { key: 'history', position: 'Учитель истории и обществознания', teaches: all(['history', 'socialStudies', 'odnknr', 'project'], [5, 11]), femaleShare: 0.7 },
  { key: 'geography', position: 'Учитель географии', teaches: all(['geography'], [5, 11]), femaleShare: 0.8 },
  { key: 'biology', position: 'Учитель биологии', teaches: all(['biology'], [5, 11]), femaleShare: 0.9 },
  { key: 'chemistry', position: 'Учитель химии', teaches: all(['chemistry'], [8, 11]), femaleShare: 0.9 },
  { key: 'physics', position: 'Учитель физики', teaches: all(['physics'], [7, 11]), femaleShare: 0.6 },
  { key: 'art', position: 'Учитель изобразительного искусства', teaches: all(['art'], [5, 7]), femaleShare: 0.85 },
  { key: 'music', position: 'Учитель музыки', teaches: all(['music'], [1, 8]), femaleShare: 0.85 },
  { key: 'technology', position: 'Учитель труда (технологии)', teaches: all(['technology'], [5, 11]), femaleShare: 0.5 },
  { key: 'pe', position: 'Учитель физической культуры', teaches: all(['pe'], [1, 11]), femaleShare: 0.45 },
  { key: 'obzr', position: 'Преподаватель-организатор основ безопасности и защиты Родины', teaches: all(['obzr'], [8, 11]), femaleShare: 0.2 },
];

/** Weekly hours a full-time teacher usually carries here (1–1.5 rates of 18 hours). */
export const hoursPerTeacher = 26;

export const deputyPositions = [
  { position: 'Заместитель директора по учебной работе', femaleShare: 0.85 },
  { position: 'Заместитель директора по воспитательной работе', femaleShare: 0.85 },
  { position: 'Заместитель директора по административно-хозяйственной работе', femaleShare: 0.4 },
  { position: 'Заместитель директора по учебной работе (начальная школа)', femaleShare: 0.97 },
] as const;

export const journalAdminPosition = 'Администратор электронного журнала';

/** Staff who are neither administration nor subject teachers; `perClasses`: one more per so many classes. */
export const otherStaff = [
  { position: 'Педагог-психолог', femaleShare: 0.9, base: 1, perClasses: 0 },
  { position: 'Социальный педагог', femaleShare: 0.9, base: 1, perClasses: 0 },
  { position: 'Педагог-библиотекарь', femaleShare: 0.95, base: 1, perClasses: 0 },
  { position: 'Учитель-логопед', femaleShare: 0.97, base: 0, perClasses: 20 },
  { position: 'Педагог-организатор', femaleShare: 0.8, base: 0, perClasses: 25 },
  { position: 'Советник директора по воспитанию и взаимодействию с детскими общественными объединениями', femaleShare: 0.8, base: 1, perClasses: 0 },
  { position: 'Педагог дополнительного образования', femaleShare: 0.6, base: 0, perClasses: 14 },
  { position: 'Воспитатель группы продлённого дня', femaleShare: 0.97, base: 0, perClasses: 15 },
  { position: 'Секретарь учебной части', femaleShare: 0.95, base: 1, perClasses: 0 },
] as const;
