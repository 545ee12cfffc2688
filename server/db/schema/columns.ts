// Column helpers shared by every table: UUIDv7 ids made by the application, UTC instants.
import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';

export const id = () => uuid('id').notNull().$defaultFn(() => uuidv7());
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => instant('created_at').notNull().defaultNow();
