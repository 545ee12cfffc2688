// The journal chooser's list: the grids a person may open (GET …/journal/grids) grouped by class
// or group, in the order of grades and letters, filtered by what is typed.
import type { GridChoiceDto } from '../../../../contracts/journal';
import type { GridTarget } from './api/journal';

type Named = { id: string; name: string };
export type ChoiceGroup = { key: string; name: string; items: GridChoiceDto[] };

/** The grid's search params for a choice: subject with its class or its group. */
export const gridSearchOf = (c: { subject: Named; class: Named | null; studyGroup: Named | null }): GridTarget =>
  c.studyGroup ? { subjectId: c.subject.id, studyGroupId: c.studyGroup.id } : { subjectId: c.subject.id, classId: c.class?.id };

/** «5А», «10Б»: grade first as a number, so 5А comes before 10А. */
const byUnitName = (a: string, b: string): number => a.localeCompare(b, 'ru', { numeric: true });

export function groupChoices(items: readonly GridChoiceDto[], filter = ''): ChoiceGroup[] {
  const needle = filter.trim().toLowerCase();
  const groups = new Map<string, ChoiceGroup>();
  for (const c of items) {
    const unit = c.studyGroup ?? c.class;
    if (!unit) continue;
    if (needle !== '' && !unit.name.toLowerCase().includes(needle) && !c.subject.name.toLowerCase().includes(needle)) continue;
    const key = `${c.studyGroup ? 'g' : 'c'}:${unit.id}`;
    const group = groups.get(key) ?? { key, name: unit.name, items: [] };
    group.items.push(c);
    groups.set(key, group);
  }
  for (const g of groups.values()) g.items.sort((a, b) => a.subject.name.localeCompare(b.subject.name, 'ru'));
  return [...groups.values()].sort((a, b) => byUnitName(a.name, b.name));
}
