CREATE TABLE "academic_calendars" (
	"school_id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"days_off" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"working_weekends" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"week_lengths" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sample_id" uuid,
	"sample_version" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "academic_calendars_school_id_academic_year_pk" PRIMARY KEY("school_id","academic_year")
);
--> statement-breakpoint
CREATE TABLE "additional_programmes" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"subject_id" uuid NOT NULL,
	"name" text NOT NULL,
	"direction" text NOT NULL,
	"age_from" integer,
	"age_to" integer,
	"hours_per_week" numeric(4, 1) NOT NULL,
	"total_hours" integer,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "additional_programmes_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "attestation_periods" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"schedule_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	CONSTRAINT "attestation_periods_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "attestation_periods_dates_check" CHECK ("attestation_periods"."starts_on" <= "attestation_periods"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "attestation_schedules" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"kind" text NOT NULL,
	"term_kind" text,
	"grades" integer[] NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attestation_schedules_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "attestation_schedules_kind_check" CHECK ("attestation_schedules"."kind" in ('terms', 'custom') and ("attestation_schedules"."kind" = 'custom') = ("attestation_schedules"."term_kind" is null))
);
--> statement-breakpoint
CREATE TABLE "bell_schedules" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"name" text NOT NULL,
	"shift" integer DEFAULT 1 NOT NULL,
	"lessons" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bell_schedules_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "bell_schedules_shift_check" CHECK ("bell_schedules"."shift" between 1 and 3)
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "buildings_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "control_forms" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"weight" numeric(4, 2) NOT NULL,
	"mark_scale_id" uuid NOT NULL,
	"subject_id" uuid,
	"levels" text[] DEFAULT '{}'::text[] NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"sample_id" uuid,
	"sample_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "control_forms_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "control_forms_weight_check" CHECK ("control_forms"."weight" > 0)
);
--> statement-breakpoint
CREATE TABLE "curricula" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"kind" text DEFAULT 'main' NOT NULL,
	"grade" integer NOT NULL,
	"class_id" uuid,
	"student_id" uuid,
	"name" text NOT NULL,
	"week_days" integer DEFAULT 5 NOT NULL,
	"sample_id" uuid,
	"sample_version" integer,
	"copied_from_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "curricula_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "curricula_kind_check" CHECK ("curricula"."kind" in ('main', 'extracurricular')),
	CONSTRAINT "curricula_grade_check" CHECK ("curricula"."grade" between 1 and 11),
	CONSTRAINT "curricula_week_days_check" CHECK ("curricula"."week_days" in (5, 6))
);
--> statement-breakpoint
CREATE TABLE "curriculum_lines" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"curriculum_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"part" text DEFAULT 'mandatory' NOT NULL,
	"hours_per_week" numeric(4, 1) NOT NULL,
	"hours_by_term" numeric(4, 1)[],
	"attestation_schedule_id" uuid,
	"attestation_form" text,
	"split_into_groups" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "curriculum_lines_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "curriculum_lines_part_check" CHECK ("curriculum_lines"."part" in ('mandatory', 'formed')),
	CONSTRAINT "curriculum_lines_hours_check" CHECK ("curriculum_lines"."hours_per_week" >= 0)
);
--> statement-breakpoint
CREATE TABLE "mark_entry_policies" (
	"school_id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"current_marks_days_back" integer NOT NULL,
	"period_marks_days_after" integer NOT NULL,
	"rounding" jsonb NOT NULL,
	"min_marks_for_period_mark" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mark_entry_policies_school_id_academic_year_pk" PRIMARY KEY("school_id","academic_year")
);
--> statement-breakpoint
CREATE TABLE "mark_scales" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"conversion" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mark_scales_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "mark_scales_kind_check" CHECK ("mark_scales"."kind" in ('five', 'passFail', 'hundred'))
);
--> statement-breakpoint
CREATE TABLE "regime_assignments" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"bell_schedule_id" uuid NOT NULL,
	"class_id" uuid,
	"study_group_id" uuid,
	"student_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regime_assignments_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "regime_assignments_target_check" CHECK ((case when "regime_assignments"."class_id" is null then 0 else 1 end) + (case when "regime_assignments"."study_group_id" is null then 0 else 1 end) + (case when "regime_assignments"."student_id" is null then 0 else 1 end) <= 1)
);
--> statement-breakpoint
CREATE TABLE "room_subjects" (
	"school_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	CONSTRAINT "room_subjects_school_id_room_id_subject_id_pk" PRIMARY KEY("school_id","room_id","subject_id")
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"building_id" uuid,
	"name" text NOT NULL,
	"kind" text DEFAULT 'ordinary' NOT NULL,
	"capacity" integer,
	"floor" integer,
	"note" text,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rooms_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "rooms_capacity_check" CHECK ("rooms"."capacity" is null or "rooms"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "sample_versions" (
	"sample_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sample_versions_sample_id_version_pk" PRIMARY KEY("sample_id","version")
);
--> statement-breakpoint
CREATE TABLE "samples" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_id" uuid,
	"municipality_id" uuid,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"level" text,
	"description" text,
	"version" integer DEFAULT 1 NOT NULL,
	"content" jsonb NOT NULL,
	"built_in_key" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "samples_built_in_key_unique" UNIQUE("built_in_key"),
	CONSTRAINT "samples_kind_check" CHECK ("samples"."kind" in ('curriculum', 'calendar', 'controlForms', 'workProgramme')),
	CONSTRAINT "samples_owner_check" CHECK ("samples"."region_id" is null or "samples"."municipality_id" is null)
);
--> statement-breakpoint
ALTER TABLE "study_groups" DROP CONSTRAINT "study_groups_kind_check";--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "programmes_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "employees" ADD COLUMN "load_limit_hours" numeric(4, 1);--> statement-breakpoint
ALTER TABLE "subjects" ADD COLUMN "kind" text DEFAULT 'subject' NOT NULL;--> statement-breakpoint
ALTER TABLE "subjects" ADD COLUMN "catalogue_code" text;--> statement-breakpoint
ALTER TABLE "subjects" ADD COLUMN "subject_area" text;--> statement-breakpoint
ALTER TABLE "subjects" ADD COLUMN "archived" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "academic_calendars" ADD CONSTRAINT "academic_calendars_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "additional_programmes" ADD CONSTRAINT "additional_programmes_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestation_periods" ADD CONSTRAINT "attestation_periods_school_id_schedule_id_attestation_schedules_school_id_id_fk" FOREIGN KEY ("school_id","schedule_id") REFERENCES "public"."attestation_schedules"("school_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestation_schedules" ADD CONSTRAINT "attestation_schedules_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bell_schedules" ADD CONSTRAINT "bell_schedules_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_forms" ADD CONSTRAINT "control_forms_school_id_mark_scale_id_mark_scales_school_id_id_fk" FOREIGN KEY ("school_id","mark_scale_id") REFERENCES "public"."mark_scales"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_forms" ADD CONSTRAINT "control_forms_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curricula" ADD CONSTRAINT "curricula_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curricula" ADD CONSTRAINT "curricula_school_id_class_id_classes_school_id_id_fk" FOREIGN KEY ("school_id","class_id") REFERENCES "public"."classes"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curricula" ADD CONSTRAINT "curricula_school_id_student_id_students_school_id_id_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum_lines" ADD CONSTRAINT "curriculum_lines_school_id_curriculum_id_curricula_school_id_id_fk" FOREIGN KEY ("school_id","curriculum_id") REFERENCES "public"."curricula"("school_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum_lines" ADD CONSTRAINT "curriculum_lines_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum_lines" ADD CONSTRAINT "curriculum_lines_school_id_attestation_schedule_id_attestation_schedules_school_id_id_fk" FOREIGN KEY ("school_id","attestation_schedule_id") REFERENCES "public"."attestation_schedules"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mark_entry_policies" ADD CONSTRAINT "mark_entry_policies_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mark_scales" ADD CONSTRAINT "mark_scales_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regime_assignments" ADD CONSTRAINT "regime_assignments_school_id_bell_schedule_id_bell_schedules_school_id_id_fk" FOREIGN KEY ("school_id","bell_schedule_id") REFERENCES "public"."bell_schedules"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regime_assignments" ADD CONSTRAINT "regime_assignments_school_id_class_id_classes_school_id_id_fk" FOREIGN KEY ("school_id","class_id") REFERENCES "public"."classes"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regime_assignments" ADD CONSTRAINT "regime_assignments_school_id_study_group_id_study_groups_school_id_id_fk" FOREIGN KEY ("school_id","study_group_id") REFERENCES "public"."study_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regime_assignments" ADD CONSTRAINT "regime_assignments_school_id_student_id_students_school_id_id_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_subjects" ADD CONSTRAINT "room_subjects_school_id_room_id_rooms_school_id_id_fk" FOREIGN KEY ("school_id","room_id") REFERENCES "public"."rooms"("school_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_subjects" ADD CONSTRAINT "room_subjects_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_school_id_building_id_buildings_school_id_id_fk" FOREIGN KEY ("school_id","building_id") REFERENCES "public"."buildings"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_versions" ADD CONSTRAINT "sample_versions_sample_id_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "additional_programmes_name_key" ON "additional_programmes" USING btree ("school_id","academic_year","name");--> statement-breakpoint
CREATE UNIQUE INDEX "attestation_periods_number_key" ON "attestation_periods" USING btree ("school_id","schedule_id","number");--> statement-breakpoint
CREATE INDEX "attestation_schedules_year_idx" ON "attestation_schedules" USING btree ("school_id","academic_year");--> statement-breakpoint
CREATE UNIQUE INDEX "bell_schedules_name_key" ON "bell_schedules" USING btree ("school_id","academic_year","name");--> statement-breakpoint
CREATE UNIQUE INDEX "buildings_name_key" ON "buildings" USING btree ("school_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "curricula_grade_key" ON "curricula" USING btree ("school_id","academic_year","kind","grade") WHERE "curricula"."class_id" is null and "curricula"."student_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "curricula_class_key" ON "curricula" USING btree ("school_id","academic_year","kind","class_id") WHERE "curricula"."class_id" is not null and "curricula"."student_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "curricula_student_key" ON "curricula" USING btree ("school_id","academic_year","kind","student_id") WHERE "curricula"."student_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "curriculum_lines_subject_key" ON "curriculum_lines" USING btree ("school_id","curriculum_id","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mark_scales_name_key" ON "mark_scales" USING btree ("school_id","name");--> statement-breakpoint
CREATE INDEX "regime_assignments_schedule_idx" ON "regime_assignments" USING btree ("school_id","bell_schedule_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rooms_name_key" ON "rooms" USING btree ("school_id","name");--> statement-breakpoint
CREATE INDEX "samples_region_idx" ON "samples" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "samples_municipality_idx" ON "samples" USING btree ("municipality_id");--> statement-breakpoint
ALTER TABLE "study_groups" ADD CONSTRAINT "study_groups_kind_check" CHECK ("study_groups"."kind" in ('subgroup', 'stream', 'activity') and ("study_groups"."kind" <> 'subgroup' or "study_groups"."class_id" is not null));--> statement-breakpoint
ALTER TABLE "subjects" ADD CONSTRAINT "subjects_kind_check" CHECK ("subjects"."kind" in ('subject', 'optionalCourse', 'extracurricular', 'additional'));