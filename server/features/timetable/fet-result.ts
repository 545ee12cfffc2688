// A timetable written the way FET writes its result `<name>_activities.xml` (activity id → day,
// hour, room), so that FET, our evaluator and `readFetActivitiesResult` read our results like FET's.
// Written from the file's layout; nothing of FET is copied here.
import type { Problem, Timetable } from '../../../solver/model';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Every active activity of the problem in its order; an unplaced one has an empty day and hour, one
 * without a room an empty room. Inactive activities are left out — as FET writes them.
 */
export function writeFetActivitiesResult(problem: Problem, timetable: Timetable): string {
  if (timetable.day.length !== problem.activities.length) {
    throw new RangeError(`timetable of ${timetable.day.length} activities for a problem of ${problem.activities.length}`);
  }
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<Activities_Timetable>'];
  problem.activities.forEach((a, i) => {
    if (!a.active) return;
    const day = timetable.day[i]!;
    const period = timetable.period[i]!;
    const room = timetable.room[i]!;
    const placed = day >= 0 && period >= 0;
    out.push(
      '<Activity>',
      `\t<Id>${a.id}</Id>`,
      `\t<Day>${placed ? esc(problem.days[day]!) : ''}</Day>`,
      `\t<Hour>${placed ? esc(problem.periods[period]!) : ''}</Hour>`,
      `\t<Room>${placed && room >= 0 ? esc(problem.rooms[room]!.name) : ''}</Room>`,
      '</Activity>',
    );
  });
  out.push('</Activities_Timetable>', '');
  return out.join('\n');
}
