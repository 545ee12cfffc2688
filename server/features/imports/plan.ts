// The dry run's decisions, pure: each read row against what the school already has (a
// snapshot loaded once) → create / update / unchanged / rejected, plus the writes an apply
// makes. The apply runs the same planner on a fresh snapshot and compares, so what the admin
// saw in the report is exactly what gets written.
import type { ImportIssue, ImportOutcome } from '../../../contracts/imports';
import { personKey } from '../../../domain/person';
import { academicYearTitle } from '../../../domain/school-year';
import type { ChildRef, GuardianData, PersonData, ReadRow, Relation, RowData, StaffData, StudentData } from './rows';

/** A person already in the school: the fields a row compares with, and the record's id. */
export type PersonRow = PersonData & { id: string };
export type EmployeeRow = PersonRow & { position: string };
export type StudentRow = PersonRow & { sex: string | null; educationForm: string; individualCurriculum: boolean; adaptedProgramme: boolean };
/** A student's place now: the latest enrollment still open today. */
export type CurrentEnrollment = { id: string; studentId: string; classId: string; startsOn: string };

export type Snapshot =
  | { kind: 'staff'; people: EmployeeRow[] }
  | { kind: 'students'; people: StudentRow[]; classes: { id: string; name: string }[]; enrollments: CurrentEnrollment[] }
  | { kind: 'guardians'; people: PersonRow[]; students: PersonRow[]; links: { guardianId: string; studentId: string; relation: string }[] };

export type PlannedRow = {
  rowNumber: number;
  outcome: ImportOutcome;
  reasons: ImportIssue[];
  warnings: ImportIssue[];
  data: Record<string, unknown>;
  /** The existing person the row matched; null for a person the apply creates. */
  targetId: string | null;
  changedFields: string[];
  /** The person the apply writes: an existing id or `new:<row of first mention>`. */
  ref: string | null;
};

/** Columns of a person record an update may change, by field name. */
export type PersonValues = Partial<Record<string, string | boolean | null>>;

export type WriteSet = {
  creates: { ref: string; data: RowData }[];
  updates: { id: string; values: PersonValues }[];
  /** Enroll a student in a class today; `close` is the enrollment it replaces. */
  enrollments: { studentRef: string; classId: string; close: { id: string; startsOn: string } | null }[];
  links: { guardianRef: string; studentId: string; relation: Relation; existing: boolean }[];
};

export type PlanContext = { today: string; academicYear: number };

const personFields = ['externalId', 'lastName', 'firstName', 'middleName', 'birthDate', 'snils', 'email', 'phone'] as const;
const studentFields = ['sex', 'educationForm', 'individualCurriculum', 'adaptedProgramme'] as const;

const issue = (code: string, message: string, field?: string): ImportIssue => (field ? { code, message, field } : { code, message });

/** Lookup of a school's people by each key an import matches on. */
class PeopleIndex<P extends PersonRow> {
  readonly byId = new Map<string, P>();
  private readonly byExt = new Map<string, P[]>();
  private readonly bySnils = new Map<string, P[]>();
  private readonly byKey = new Map<string, P[]>();

  constructor(people: readonly P[]) {
    const add = (map: Map<string, P[]>, key: string | null, p: P) => {
      if (key === null) return;
      const list = map.get(key);
      if (list) list.push(p);
      else map.set(key, [p]);
    };
    for (const p of people) {
      this.byId.set(p.id, p);
      add(this.byExt, p.externalId, p);
      add(this.bySnils, p.snils, p);
      add(this.byKey, personKey(p), p);
    }
  }

  /**
   * By external id, else by СНИЛС, else by names and birth date. A weaker key that finds a
   * person whose stronger key says otherwise is a conflict, never a silent merge.
   */
  match(d: ChildRef | PersonData, who: string, key?: string): { person: P | null } | { issue: ImportIssue } {
    const several = issue('MULTIPLE_MATCHES', `${who}: подходит несколько человек — уточните ID или СНИЛС`);
    if (d.externalId !== null) {
      const list = this.byExt.get(d.externalId) ?? [];
      if (list.length > 1) return { issue: several };
      if (list.length === 1) {
        const p = list[0]!;
        if (d.snils !== null && (this.bySnils.get(d.snils) ?? []).some((o) => o.id !== p.id)) {
          return { issue: issue('SNILS_TAKEN', `${who}: этот СНИЛС уже у другого человека`, 'snils') };
        }
        return { person: p };
      }
    }
    if (d.snils !== null) {
      const list = this.bySnils.get(d.snils) ?? [];
      if (list.length > 1) return { issue: several };
      if (list.length === 1) {
        const p = list[0]!;
        if (d.externalId !== null && p.externalId !== null && p.externalId !== d.externalId) {
          return { issue: issue('ID_CONFLICT', `${who}: человек с этим СНИЛС записан под другим ID`, 'externalId') };
        }
        return { person: p };
      }
    }
    if (d.lastName !== null && d.firstName !== null) {
      const list = this.byKey.get(key ?? personKey({ lastName: d.lastName, firstName: d.firstName, middleName: d.middleName, birthDate: d.birthDate })) ?? [];
      if (list.length > 1) return { issue: several };
      if (list.length === 1) {
        const p = list[0]!;
        if ((d.externalId !== null && p.externalId !== null && p.externalId !== d.externalId) || (d.snils !== null && p.snils !== null && p.snils !== d.snils)) {
          return { issue: issue('PERSON_CONFLICT', `${who}: есть человек с теми же ФИО и датой рождения, но другим ID или СНИЛС — проверьте`) };
        }
        return { person: p };
      }
    }
    return { person: null };
  }
}

/** Fields of a row that differ from the record; null in the row changes nothing. */
function diff(row: Record<string, unknown>, record: Record<string, unknown>, fields: readonly string[]): PersonValues {
  const changes: PersonValues = {};
  for (const f of fields) {
    const v = row[f];
    if (v !== null && v !== undefined && v !== record[f]) changes[f] = v as string | boolean;
  }
  return changes;
}

/** Keys under which a row's person is remembered within the file. */
type SeenPerson = { rowNumber: number; externalId: string | null; snils: string | null };

/** Two mentions of names + birth date are one person unless an id or a СНИЛС tells them apart. */
const samePerson = (a: SeenPerson, d: PersonData): boolean =>
  !((a.externalId !== null && d.externalId !== null && a.externalId !== d.externalId) || (a.snils !== null && d.snils !== null && a.snils !== d.snils));

class FileMentions {
  private readonly ext = new Map<string, number>();
  private readonly snils = new Map<string, number>();
  private readonly key = new Map<string, SeenPerson[]>();

  find(d: PersonData, key: string): number | null {
    if (d.externalId !== null && this.ext.has(d.externalId)) return this.ext.get(d.externalId)!;
    if (d.snils !== null && this.snils.has(d.snils)) return this.snils.get(d.snils)!;
    const list = this.key.get(key);
    if (list === undefined) return null;
    for (const s of list) if (samePerson(s, d)) return s.rowNumber;
    return null;
  }

  add(d: PersonData, rowNumber: number, key: string): void {
    if (d.externalId !== null && !this.ext.has(d.externalId)) this.ext.set(d.externalId, rowNumber);
    if (d.snils !== null && !this.snils.has(d.snils)) this.snils.set(d.snils, rowNumber);
    const k = key;
    const list = this.key.get(k);
    const seen = { rowNumber, externalId: d.externalId, snils: d.snils };
    if (list) list.push(seen);
    else this.key.set(k, [seen]);
  }
}

const duplicate = (rowNumber: number): ImportIssue =>
  issue('DUPLICATE_IN_FILE', `Тот же человек уже есть в строке ${rowNumber}`);

export type Planner = {
  plan(row: ReadRow): PlannedRow;
  writes(): WriteSet;
};

const rejected = (row: ReadRow, reasons: ImportIssue[]): PlannedRow => ({
  rowNumber: row.rowNumber,
  outcome: 'rejected',
  reasons,
  warnings: row.warnings,
  data: row.data as Record<string, unknown>,
  targetId: null,
  changedFields: [],
  ref: null,
});

const accepted = (row: ReadRow, outcome: ImportOutcome, target: string | null, changed: string[], ref: string, warnings = row.warnings): PlannedRow => ({
  rowNumber: row.rowNumber,
  outcome,
  reasons: [],
  warnings,
  data: row.data as Record<string, unknown>,
  targetId: target,
  changedFields: changed,
  ref,
});

/**
 * A row's warnings once the record it updates is known: a missing СНИЛС, e-mail or phone in
 * the file is no problem when the record already has one.
 */
function warningsFor(row: ReadRow, record: PersonRow): ImportIssue[] {
  const has = (...fields: (keyof PersonRow)[]) => fields.some((f) => record[f] !== null);
  return row.warnings.filter((w) =>
    !(w.code === 'NO_LOGIN_KEY' && has('snils', 'email', 'phone')) && !(w.code === 'NO_CONTACT' && has('email', 'phone')));
}

export function createPlanner(snapshot: Snapshot, ctx: PlanContext): Planner {
  switch (snapshot.kind) {
    case 'staff':
    case 'students':
      return peoplePlanner(snapshot, ctx);
    case 'guardians':
      return guardianPlanner(snapshot);
  }
}

/** Staff and students: one row, one person; a person twice in a file is an error of the file. */
function peoplePlanner(snapshot: Extract<Snapshot, { kind: 'staff' | 'students' }>, ctx: PlanContext): Planner {
  const people = new PeopleIndex<PersonRow>(snapshot.people);
  const mentions = new FileMentions();
  const claimed = new Map<string, number>();
  const classes = new Map(snapshot.kind === 'students' ? snapshot.classes.map((c) => [c.name, c.id]) : []);
  const current = new Map(snapshot.kind === 'students' ? snapshot.enrollments.map((e) => [e.studentId, e]) : []);
  const writes: WriteSet = { creates: [], updates: [], enrollments: [], links: [] };
  const who = snapshot.kind === 'staff' ? 'Сотрудник' : 'Ученик';

  function plan(row: ReadRow): PlannedRow {
    if (!row.valid) return rejected(row, row.reasons);
    const data = row.data as StaffData | StudentData;
    const key = personKey(data);
    const earlier = mentions.find(data, key);
    mentions.add(data, row.rowNumber, key);
    if (earlier !== null) return rejected(row, [duplicate(earlier)]);
    const found = people.match(data, who, key);
    if ('issue' in found) return rejected(row, [found.issue]);
    const person = found.person;
    if (person) {
      const first = claimed.get(person.id);
      if (first !== undefined) return rejected(row, [duplicate(first)]);
      claimed.set(person.id, row.rowNumber);
    }

    let classId: string | null = null;
    if (snapshot.kind === 'students') {
      const name = (data as StudentData).className;
      if (name !== null) {
        classId = classes.get(name) ?? null;
        if (classId === null) {
          return rejected(row, [issue('UNKNOWN_CLASS', `Неизвестный класс «${name}»: его нет в ${academicYearTitle(ctx.academicYear)} учебном году`, 'className')]);
        }
      }
    }

    if (person === null) {
      const ref = `new:${row.rowNumber}`;
      const warnings = [...row.warnings];
      if (snapshot.kind === 'staff' && (data as StaffData).position === null) {
        return rejected(row, [issue('MISSING_POSITION', 'Не указана должность', 'position')]);
      }
      if (snapshot.kind === 'students' && classId === null && ((data as StudentData).educationForm ?? 'inSchool') === 'inSchool') {
        warnings.push(issue('NO_CLASS', 'Класс не указан: ученик не будет зачислен в класс'));
      }
      writes.creates.push({ ref, data });
      if (classId !== null) writes.enrollments.push({ studentRef: ref, classId, close: null });
      return accepted(row, 'create', null, [], ref, warnings);
    }

    const fields = snapshot.kind === 'staff' ? [...personFields, 'position'] : [...personFields, ...studentFields];
    const values = diff(data, person, fields);
    const changed = Object.keys(values);
    if (classId !== null) {
      const now = current.get(person.id);
      if (!now || now.classId !== classId) {
        changed.push('class');
        writes.enrollments.push({ studentRef: person.id, classId, close: now ? { id: now.id, startsOn: now.startsOn } : null });
      }
    }
    if (Object.keys(values).length > 0) writes.updates.push({ id: person.id, values });
    return accepted(row, changed.length > 0 ? 'update' : 'unchanged', person.id, changed, person.id, warningsFor(row, person));
  }

  return { plan, writes: () => writes };
}

/**
 * Guardians: a row is a parent and one child; several rows may name the same parent with
 * different children. The parent is one record whatever the number of rows, so later rows
 * must not contradict earlier ones.
 */
function guardianPlanner(snapshot: Extract<Snapshot, { kind: 'guardians' }>): Planner {
  const guardians = new PeopleIndex<PersonRow>(snapshot.people);
  const children = new PeopleIndex<PersonRow>(snapshot.students);
  const links = new Map(snapshot.links.map((l) => [`${l.guardianId}|${l.studentId}`, l.relation]));
  type Entity = { ref: string; firstRow: number; fromFile: Partial<PersonData>; existing: PersonRow | null; changes: PersonValues; data: GuardianData | null };
  const mentions = new FileMentions();
  const entityOfRow = new Map<number, Entity>();
  const entityOfPerson = new Map<string, Entity>();
  const entities: Entity[] = [];
  const linked = new Map<string, number>();
  const linkWrites: WriteSet['links'] = [];

  /** Fields in which a row says something else than earlier rows of the same parent. */
  const contradictions = (e: Entity, d: PersonData): string[] =>
    personFields.filter((f) => d[f] !== null && e.fromFile[f] !== undefined && e.fromFile[f] !== null && e.fromFile[f] !== d[f]);

  function plan(row: ReadRow): PlannedRow {
    if (!row.valid) return rejected(row, row.reasons);
    const data = row.data as GuardianData;

    const child = children.match(data.child, 'Ученик');
    if ('issue' in child) return rejected(row, [{ ...child.issue, field: child.issue.field === 'snils' ? 'studentSnils' : 'studentExternalId' }]);
    if (child.person === null) return rejected(row, [issue('UNKNOWN_CHILD', 'Ученик не найден среди учеников школы: сначала загрузите Контингент', 'studentLastName')]);
    const studentId = child.person.id;

    let entity: Entity | null = null;
    const key = personKey(data);
    const earlier = mentions.find(data, key);
    if (earlier !== null) entity = entityOfRow.get(earlier) ?? null;
    if (entity === null) {
      const found = guardians.match(data, 'Родитель', key);
      if ('issue' in found) return rejected(row, [found.issue]);
      if (found.person) entity = entityOfPerson.get(found.person.id) ?? null;
      if (entity === null) {
        entity = {
          ref: found.person ? found.person.id : `new:${row.rowNumber}`,
          firstRow: row.rowNumber,
          fromFile: {},
          existing: found.person,
          changes: {},
          data: null,
        };
        entities.push(entity);
        if (found.person) entityOfPerson.set(found.person.id, entity);
      }
    }
    const conflicts = contradictions(entity, data);
    if (conflicts.length > 0) {
      return rejected(row, [issue('GUARDIAN_CONFLICT', `Сведения о родителе расходятся со строкой ${entity.firstRow}`, conflicts[0])]);
    }
    const linkKey = `${entity.ref}|${studentId}`;
    const firstLink = linked.get(linkKey);
    if (firstLink !== undefined) return rejected(row, [duplicate(firstLink)]);

    // Accepted: remember the parent under this row's keys and merge what it says.
    linked.set(linkKey, row.rowNumber);
    mentions.add(data, row.rowNumber, key);
    entityOfRow.set(row.rowNumber, entity);
    for (const f of personFields) if (data[f] !== null) entity.fromFile[f] = data[f];

    const relationNow = entity.existing ? links.get(`${entity.existing.id}|${studentId}`) : undefined;
    if (entity.existing === null) {
      entity.data = entity.data ?? data;
      linkWrites.push({ guardianRef: entity.ref, studentId, relation: data.relation ?? 'other', existing: false });
      return accepted(row, 'create', null, [], entity.ref);
    }
    const values = diff(data, entity.existing, personFields);
    Object.assign(entity.changes, values);
    const changed = Object.keys(values);
    if (relationNow === undefined) {
      changed.push('link');
      linkWrites.push({ guardianRef: entity.ref, studentId, relation: data.relation ?? 'other', existing: false });
    } else if (data.relation !== null && data.relation !== relationNow) {
      changed.push('relation');
      linkWrites.push({ guardianRef: entity.ref, studentId, relation: data.relation, existing: true });
    }
    return accepted(row, changed.length > 0 ? 'update' : 'unchanged', entity.existing.id, changed, entity.ref, warningsFor(row, entity.existing));
  }

  function writes(): WriteSet {
    const creates: WriteSet['creates'] = [];
    const updates: WriteSet['updates'] = [];
    for (const e of entities) {
      if (e.existing === null && e.data !== null) creates.push({ ref: e.ref, data: { ...e.data, ...mergedPerson(e) } });
      else if (e.existing !== null && Object.keys(e.changes).length > 0) updates.push({ id: e.existing.id, values: e.changes });
    }
    return { creates, updates, enrollments: [], links: linkWrites };
  }

  const mergedPerson = (e: Entity): PersonData => {
    const d = e.data!;
    const merged = { ...d } as PersonData;
    for (const f of personFields) {
      const v = e.fromFile[f];
      if (v !== undefined && v !== null) (merged as Record<string, unknown>)[f] = v;
    }
    return merged;
  };

  return { plan, writes };
}

/** A row's decision as the apply compares it with the dry run's. */
export const decisionOf = (r: { outcome: string; targetId: string | null; changedFields: readonly string[] | null }): string =>
  `${r.outcome}|${r.targetId ?? ''}|${[...(r.changedFields ?? [])].sort().join(',')}`;

