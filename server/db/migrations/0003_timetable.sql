CREATE TABLE "lesson_changes" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"timetable_lesson_id" uuid NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"substitute_employee_id" uuid,
	"room_id" uuid,
	"new_date" date,
	"new_lesson_number" smallint,
	"distance_url" text,
	"reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "lesson_changes_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "lesson_changes_kind_check" CHECK ("lesson_changes"."kind" in ('substitution', 'cancellation', 'roomChange', 'move', 'distance')),
	CONSTRAINT "lesson_changes_substitution_check" CHECK ("lesson_changes"."kind" <> 'substitution' or "lesson_changes"."substitute_employee_id" is not null),
	CONSTRAINT "lesson_changes_room_check" CHECK ("lesson_changes"."kind" <> 'roomChange' or "lesson_changes"."room_id" is not null),
	CONSTRAINT "lesson_changes_move_check" CHECK ("lesson_changes"."kind" <> 'move' or ("lesson_changes"."new_date" is not null and "lesson_changes"."new_lesson_number" is not null))
);
--> statement-breakpoint
CREATE TABLE "notification_events" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"audience" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "notification_events_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "teacher_unavailability" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"shift" smallint DEFAULT 1 NOT NULL,
	"weekday" smallint NOT NULL,
	"lesson_number" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teacher_unavailability_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "teacher_unavailability_shift_check" CHECK ("teacher_unavailability"."shift" between 1 and 3),
	CONSTRAINT "teacher_unavailability_weekday_check" CHECK ("teacher_unavailability"."weekday" between 1 and 6),
	CONSTRAINT "teacher_unavailability_number_check" CHECK ("teacher_unavailability"."lesson_number" between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "timetable_lessons" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"timetable_id" uuid NOT NULL,
	"teaching_load_id" uuid,
	"activity_key" text,
	"subject_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"class_id" uuid,
	"study_group_id" uuid,
	"weekday" smallint NOT NULL,
	"lesson_number" smallint NOT NULL,
	"duration" smallint DEFAULT 1 NOT NULL,
	"room_id" uuid,
	"kind" text DEFAULT 'regular' NOT NULL,
	"format" text DEFAULT 'inPerson' NOT NULL,
	"distance_url" text,
	"locked" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "timetable_lessons_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "timetable_lessons_target_check" CHECK (("timetable_lessons"."class_id" is null) <> ("timetable_lessons"."study_group_id" is null)),
	CONSTRAINT "timetable_lessons_weekday_check" CHECK ("timetable_lessons"."weekday" between 1 and 7),
	CONSTRAINT "timetable_lessons_number_check" CHECK ("timetable_lessons"."lesson_number" between 1 and 20),
	CONSTRAINT "timetable_lessons_duration_check" CHECK ("timetable_lessons"."duration" between 1 and 4),
	CONSTRAINT "timetable_lessons_kind_check" CHECK ("timetable_lessons"."kind" in ('regular', 'extracurricular', 'additional')),
	CONSTRAINT "timetable_lessons_format_check" CHECK ("timetable_lessons"."format" in ('inPerson', 'distance'))
);
--> statement-breakpoint
CREATE TABLE "timetable_runs" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"scope" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"base_timetable_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"seed" integer NOT NULL,
	"time_limit_seconds" integer NOT NULL,
	"progress" jsonb,
	"diagnosis" jsonb,
	"result_timetable_id" uuid,
	"error" text,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "timetable_runs_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "timetable_runs_status_check" CHECK ("timetable_runs"."status" in ('queued', 'running', 'solved', 'timeLimit', 'failed', 'cancelled')),
	CONSTRAINT "timetable_runs_limit_check" CHECK ("timetable_runs"."time_limit_seconds" between 1 and 3600)
);
--> statement-breakpoint
CREATE TABLE "timetables" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"valid_from" date,
	"based_on_id" uuid,
	"run_id" uuid,
	"evaluation" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "timetables_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "timetables_status_check" CHECK ("timetables"."status" in ('draft', 'published', 'archived')),
	CONSTRAINT "timetables_published_check" CHECK ("timetables"."status" <> 'published' or "timetables"."valid_from" is not null)
);
--> statement-breakpoint
ALTER TABLE "teaching_loads" ADD COLUMN "lesson_split" text;--> statement-breakpoint
ALTER TABLE "lesson_changes" ADD CONSTRAINT "lesson_changes_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_changes" ADD CONSTRAINT "lesson_changes_revoked_by_accounts_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_changes" ADD CONSTRAINT "lesson_changes_school_id_timetable_lesson_id_timetable_lessons_school_id_id_fk" FOREIGN KEY ("school_id","timetable_lesson_id") REFERENCES "public"."timetable_lessons"("school_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_changes" ADD CONSTRAINT "lesson_changes_school_id_substitute_employee_id_employees_school_id_id_fk" FOREIGN KEY ("school_id","substitute_employee_id") REFERENCES "public"."employees"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_changes" ADD CONSTRAINT "lesson_changes_school_id_room_id_rooms_school_id_id_fk" FOREIGN KEY ("school_id","room_id") REFERENCES "public"."rooms"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_events" ADD CONSTRAINT "notification_events_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_events" ADD CONSTRAINT "notification_events_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_unavailability" ADD CONSTRAINT "teacher_unavailability_school_id_employee_id_employees_school_id_id_fk" FOREIGN KEY ("school_id","employee_id") REFERENCES "public"."employees"("school_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_lessons" ADD CONSTRAINT "timetable_lessons_school_id_timetable_id_timetables_school_id_id_fk" FOREIGN KEY ("school_id","timetable_id") REFERENCES "public"."timetables"("school_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_lessons" ADD CONSTRAINT "timetable_lessons_school_id_teaching_load_id_teaching_loads_school_id_id_fk" FOREIGN KEY ("school_id","teaching_load_id") REFERENCES "public"."teaching_loads"("school_id","id") ON DELETE SET NULL ("teaching_load_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_lessons" ADD CONSTRAINT "timetable_lessons_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_lessons" ADD CONSTRAINT "timetable_lessons_school_id_employee_id_employees_school_id_id_fk" FOREIGN KEY ("school_id","employee_id") REFERENCES "public"."employees"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_lessons" ADD CONSTRAINT "timetable_lessons_school_id_class_id_classes_school_id_id_fk" FOREIGN KEY ("school_id","class_id") REFERENCES "public"."classes"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_lessons" ADD CONSTRAINT "timetable_lessons_school_id_study_group_id_study_groups_school_id_id_fk" FOREIGN KEY ("school_id","study_group_id") REFERENCES "public"."study_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_lessons" ADD CONSTRAINT "timetable_lessons_school_id_room_id_rooms_school_id_id_fk" FOREIGN KEY ("school_id","room_id") REFERENCES "public"."rooms"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_runs" ADD CONSTRAINT "timetable_runs_requested_by_accounts_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_runs" ADD CONSTRAINT "timetable_runs_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetables" ADD CONSTRAINT "timetables_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetables" ADD CONSTRAINT "timetables_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lesson_changes_date_idx" ON "lesson_changes" USING btree ("school_id","date");--> statement-breakpoint
CREATE INDEX "lesson_changes_lesson_idx" ON "lesson_changes" USING btree ("school_id","timetable_lesson_id","date");--> statement-breakpoint
CREATE INDEX "lesson_changes_substitute_idx" ON "lesson_changes" USING btree ("school_id","substitute_employee_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "lesson_changes_active_key" ON "lesson_changes" USING btree ("school_id","timetable_lesson_id","date","kind") WHERE "lesson_changes"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "notification_events_pending_idx" ON "notification_events" USING btree ("school_id","created_at") WHERE "notification_events"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "notification_events_subject_idx" ON "notification_events" USING btree ("school_id","subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teacher_unavailability_slot_key" ON "teacher_unavailability" USING btree ("school_id","employee_id","academic_year","shift","weekday","lesson_number");--> statement-breakpoint
CREATE INDEX "timetable_lessons_timetable_idx" ON "timetable_lessons" USING btree ("school_id","timetable_id","weekday","lesson_number");--> statement-breakpoint
CREATE INDEX "timetable_lessons_employee_idx" ON "timetable_lessons" USING btree ("school_id","employee_id");--> statement-breakpoint
CREATE INDEX "timetable_lessons_class_idx" ON "timetable_lessons" USING btree ("school_id","class_id");--> statement-breakpoint
CREATE INDEX "timetable_runs_year_idx" ON "timetable_runs" USING btree ("school_id","academic_year","created_at");--> statement-breakpoint
CREATE INDEX "timetables_year_idx" ON "timetables" USING btree ("school_id","academic_year");--> statement-breakpoint
CREATE UNIQUE INDEX "timetables_valid_from_key" ON "timetables" USING btree ("school_id","academic_year","valid_from") WHERE "timetables"."status" = 'published';