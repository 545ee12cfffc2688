// Region → municipality → school (SPEC A1). A school is the tenant that owns its rows.
import { boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';

export const regions = pgTable('regions', {
  id: id().primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const municipalities = pgTable('municipalities', {
  id: id().primaryKey(),
  regionId: uuid('region_id').notNull().references(() => regions.id),
  name: text('name').notNull(),
  createdAt: createdAt(),
}, (t) => [index('municipalities_region_idx').on(t.regionId)]);

export const schools = pgTable('schools', {
  id: id().primaryKey(),
  municipalityId: uuid('municipality_id').notNull().references(() => municipalities.id),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  /** IANA zone; lesson dates are local dates in it (Perm: Asia/Yekaterinburg, UTC+5). */
  timeZone: text('time_zone').notNull(),
  /** The school's programme documents (curricula, calendar, plans) are open to anyone, not only its students and parents (regulation 1.3). */
  programmesPublic: boolean('programmes_public').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [index('schools_municipality_idx').on(t.municipalityId)]);


/** Installation-wide settings as key → JSON (e.g. 'demo': true once the demo school is seeded). */
export const installationSettings = pgTable('installation_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: createdAt(),
});
