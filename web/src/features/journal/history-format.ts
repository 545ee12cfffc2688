// How a cell's history (the journal audit, GET …/journal/history) reads on screen: who, in which
// role, what was there before and after, and why. The audit keeps snapshots of the rows as they
// were; only the fields a teacher knows are shown.

const roleTitles: Record<string, string> = {
  subjectTeacher: 'учитель', classTeacher: 'классный руководитель', director: 'директор', deputy: 'заместитель директора',
  journalAdmin: 'администратор журнала', system: 'система',
};
const actionTitles: Record<string, string> = { create: 'поставлено', update: 'изменено', delete: 'удалено' };
const entityTitles: Record<string, string> = {
  mark: 'Отметка', attendance: 'Посещаемость', topic: 'Тема урока', homework: 'Домашнее задание', controlWorkResult: 'Баллы за задание', plannedTopic: 'Тема программы',
};

export const auditRoleTitle = (role: string): string => roleTitles[role] ?? role;
export const auditActionTitle = (action: string): string => actionTitles[action] ?? action;
export const auditEntityTitle = (entity: string): string => entityTitles[entity] ?? entity;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const markValueText = (v: unknown): string => (v === 'pass' ? 'зачёт' : v === 'fail' ? 'незачёт' : v === null || v === undefined ? '' : String(v));

/**
 * A snapshot in words: a mark «5 (Кр, вес 2)» or «точка до 20.11.2026», an attendance entry «О15»,
 * with its comment and КЭС codes, a topic its text; «—» for nothing. `forms` names control forms by id.
 */
export function describeSnapshot(entity: string, snapshot: unknown, forms: ReadonlyMap<string, string> = new Map()): string {
  if (snapshot === null || snapshot === undefined) return '—';
  if (!isRecord(snapshot)) return String(snapshot);
  if (entity === 'mark') {
    const form = typeof snapshot.controlFormId === 'string' ? forms.get(snapshot.controlFormId) : undefined;
    const weight = typeof snapshot.weight === 'number' ? `вес ${String(snapshot.weight).replace('.', ',')}` : undefined;
    const detail = [form, weight].filter(Boolean).join(', ');
    const value = snapshot.isDebt === true && (snapshot.value === null || snapshot.value === undefined)
      ? `точка${typeof snapshot.debtDeadline === 'string' ? ` до ${ruDate(snapshot.debtDeadline)}` : ''}`
      : markValueText(snapshot.value);
    const comment = typeof snapshot.comment === 'string' && snapshot.comment !== '' ? ` «${snapshot.comment}»` : '';
    const codes = Array.isArray(snapshot.contentElementCodes) && snapshot.contentElementCodes.length > 0
      ? ` КЭС ${snapshot.contentElementCodes.map(String).join(', ')}` : '';
    return `${value}${detail ? ` (${detail})` : ''}${comment}${codes}`;
  }
  if (entity === 'attendance') {
    if (typeof snapshot.code !== 'string') return '—';
    const minutes = typeof snapshot.minutesLate === 'number' ? String(snapshot.minutesLate) : '';
    return `${snapshot.code}${minutes}`;
  }
  if (entity === 'topic') {
    return typeof snapshot.topic === 'string' ? snapshot.topic : '—';
  }
  for (const key of ['title', 'text', 'value', 'points']) {
    if (typeof snapshot[key] === 'string' || typeof snapshot[key] === 'number') return String(snapshot[key]);
  }
  return '—';
}

const pad = (n: number) => String(n).padStart(2, '0');
const ruDate = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/** An instant as the person's clock shows it: «12.11.2026 09:41». */
export function ruDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
