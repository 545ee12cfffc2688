CREATE TABLE "attendance_codes" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"reason" text,
	"minutes" smallint,
	"position" integer NOT NULL,
	CONSTRAINT "attendance_codes_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "attendance_codes_category_check" CHECK ("attendance_codes"."category" in ('absentUnexcused', 'absentExcused', 'late'))
);
--> statement-breakpoint
CREATE TABLE "attendance_entries" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"journal_lesson_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"date" date NOT NULL,
	"category" text NOT NULL,
	"code" text NOT NULL,
	"reason" text,
	"minutes_late" smallint,
	"document" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_entries_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "attendance_entries_category_check" CHECK ("attendance_entries"."category" in ('absentUnexcused', 'absentExcused', 'late')),
	CONSTRAINT "attendance_entries_reason_check" CHECK ("attendance_entries"."category" <> 'absentExcused' or "attendance_entries"."reason" in ('illness', 'family', 'other'))
);
--> statement-breakpoint
CREATE TABLE "content_codifiers" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"subject_id" uuid,
	"source" text,
	"edition_year" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_codifiers_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "content_elements" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"codifier_id" uuid NOT NULL,
	"code" text NOT NULL,
	"parent_code" text,
	"title" text NOT NULL,
	"is_section" boolean DEFAULT false NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "content_elements_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "content_elements_code_check" CHECK ("content_elements"."code" ~ '^[0-9]+(\.[0-9]+){0,3}$')
);
--> statement-breakpoint
CREATE TABLE "control_work_results" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"control_work_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"points" numeric(5, 1) NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "control_work_results_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "control_work_results_points_check" CHECK ("control_work_results"."points" >= 0)
);
--> statement-breakpoint
CREATE TABLE "control_work_tasks" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"control_work_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"max_points" smallint NOT NULL,
	"content_element_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "control_work_tasks_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "control_work_tasks_points_check" CHECK ("control_work_tasks"."max_points" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "control_works" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"subject_id" uuid NOT NULL,
	"class_id" uuid,
	"study_group_id" uuid,
	"employee_id" uuid NOT NULL,
	"control_form_id" uuid NOT NULL,
	"work_programme_id" uuid,
	"planned_topic_id" uuid,
	"journal_lesson_id" uuid,
	"title" text NOT NULL,
	"planned_date" date NOT NULL,
	"points_scale" jsonb NOT NULL,
	"analysis" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "control_works_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "control_works_target_check" CHECK (("control_works"."class_id" is null) <> ("control_works"."study_group_id" is null))
);
--> statement-breakpoint
CREATE TABLE "files" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"owner_type" text,
	"owner_id" uuid,
	"name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "files_size_check" CHECK ("files"."size_bytes" >= 0),
	CONSTRAINT "files_owner_check" CHECK ("files"."owner_type" is null or "files"."owner_type" in ('lessonMaterial', 'homework', 'submission'))
);
--> statement-breakpoint
CREATE TABLE "homework" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"journal_lesson_id" uuid NOT NULL,
	"text" text NOT NULL,
	"due_date" date NOT NULL,
	"requires_submission" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "homework_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"account_id" uuid NOT NULL,
	"key" text NOT NULL,
	"school_id" uuid NOT NULL,
	"route" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" smallint NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_account_id_key_pk" PRIMARY KEY("account_id","key")
);
--> statement-breakpoint
CREATE TABLE "journal_audit" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_account_id" uuid,
	"actor_role" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"action" text NOT NULL,
	"journal_lesson_id" uuid,
	"student_id" uuid,
	"old" jsonb,
	"new" jsonb,
	"reason" text,
	CONSTRAINT "journal_audit_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "journal_audit_action_check" CHECK ("journal_audit"."action" in ('create', 'update', 'delete'))
);
--> statement-breakpoint
CREATE TABLE "journal_lessons" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"date" date NOT NULL,
	"lesson_number" smallint NOT NULL,
	"timetable_lesson_id" uuid,
	"planned_date" date,
	"subject_id" uuid NOT NULL,
	"class_id" uuid,
	"study_group_id" uuid,
	"employee_id" uuid NOT NULL,
	"substitute_employee_id" uuid,
	"kind" text DEFAULT 'regular' NOT NULL,
	"format" text DEFAULT 'inPerson' NOT NULL,
	"distance_url" text,
	"planned_topic_id" uuid,
	"topic" text,
	"attendance_taken_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_lessons_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "journal_lessons_target_check" CHECK (("journal_lessons"."class_id" is null) <> ("journal_lessons"."study_group_id" is null)),
	CONSTRAINT "journal_lessons_dated_check" CHECK (("journal_lessons"."timetable_lesson_id" is null) or ("journal_lessons"."planned_date" is not null)),
	CONSTRAINT "journal_lessons_number_check" CHECK ("journal_lessons"."lesson_number" between 1 and 20),
	CONSTRAINT "journal_lessons_kind_check" CHECK ("journal_lessons"."kind" in ('regular', 'extracurricular', 'additional')),
	CONSTRAINT "journal_lessons_format_check" CHECK ("journal_lessons"."format" in ('inPerson', 'distance'))
);
--> statement-breakpoint
CREATE TABLE "lesson_materials" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"journal_lesson_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"file_id" uuid,
	"position" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lesson_materials_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "lesson_materials_kind_check" CHECK (("lesson_materials"."kind" = 'link' and "lesson_materials"."url" is not null) or ("lesson_materials"."kind" = 'file' and "lesson_materials"."file_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "marks" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"journal_lesson_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"date" date NOT NULL,
	"control_form_id" uuid NOT NULL,
	"value" text,
	"five_point" numeric(3, 1),
	"weight" numeric(4, 2) NOT NULL,
	"comment" text,
	"content_element_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_debt" boolean DEFAULT false NOT NULL,
	"debt_deadline" date,
	"control_work_id" uuid,
	"submission_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "marks_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "marks_debt_check" CHECK (("marks"."is_debt" and "marks"."value" is null and "marks"."debt_deadline" is not null) or (not "marks"."is_debt" and "marks"."value" is not null)),
	CONSTRAINT "marks_weight_check" CHECK ("marks"."weight" > 0)
);
--> statement-breakpoint
CREATE TABLE "planned_topics" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"work_programme_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"section" text,
	"title" text NOT NULL,
	"hours" smallint DEFAULT 1 NOT NULL,
	"content_element_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"control_form_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "planned_topics_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "planned_topics_hours_check" CHECK ("planned_topics"."hours" between 1 and 50)
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"homework_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"text" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"teacher_comment" text,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	"mark_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "submissions_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "submissions_status_check" CHECK ("submissions"."status" in ('submitted', 'returned', 'checked'))
);
--> statement-breakpoint
CREATE TABLE "work_programmes" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"employee_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"class_id" uuid,
	"study_group_id" uuid,
	"teaching_load_id" uuid,
	"codifier_id" uuid,
	"title" text NOT NULL,
	"copied_from_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_programmes_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "work_programmes_target_check" CHECK (("work_programmes"."class_id" is null) <> ("work_programmes"."study_group_id" is null))
);
--> statement-breakpoint
ALTER TABLE "attendance_codes" ADD CONSTRAINT "attendance_codes_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_entries" ADD CONSTRAINT "attendance_entries_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_entries" ADD CONSTRAINT "attendance_entries_school_id_journal_lesson_id_journal_lessons_school_id_id_fk" FOREIGN KEY ("school_id","journal_lesson_id") REFERENCES "public"."journal_lessons"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_entries" ADD CONSTRAINT "attendance_entries_school_id_student_id_students_school_id_id_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_codifiers" ADD CONSTRAINT "content_codifiers_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_codifiers" ADD CONSTRAINT "content_codifiers_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_codifiers" ADD CONSTRAINT "content_codifiers_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_elements" ADD CONSTRAINT "content_elements_school_id_codifier_id_content_codifiers_school_id_id_fk" FOREIGN KEY ("school_id","codifier_id") REFERENCES "public"."content_codifiers"("school_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_work_results" ADD CONSTRAINT "control_work_results_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_work_results" ADD CONSTRAINT "control_work_results_school_id_control_work_id_control_works_school_id_id_fk" FOREIGN KEY ("school_id","control_work_id") REFERENCES "public"."control_works"("school_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_work_results" ADD CONSTRAINT "control_work_results_school_id_task_id_control_work_tasks_school_id_id_fk" FOREIGN KEY ("school_id","task_id") REFERENCES "public"."control_work_tasks"("school_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_work_results" ADD CONSTRAINT "control_work_results_school_id_student_id_students_school_id_id_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_work_tasks" ADD CONSTRAINT "control_work_tasks_school_id_control_work_id_control_works_school_id_id_fk" FOREIGN KEY ("school_id","control_work_id") REFERENCES "public"."control_works"("school_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_works" ADD CONSTRAINT "control_works_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_works" ADD CONSTRAINT "control_works_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_works" ADD CONSTRAINT "control_works_school_id_class_id_classes_school_id_id_fk" FOREIGN KEY ("school_id","class_id") REFERENCES "public"."classes"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_works" ADD CONSTRAINT "control_works_school_id_study_group_id_study_groups_school_id_id_fk" FOREIGN KEY ("school_id","study_group_id") REFERENCES "public"."study_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_works" ADD CONSTRAINT "control_works_school_id_employee_id_employees_school_id_id_fk" FOREIGN KEY ("school_id","employee_id") REFERENCES "public"."employees"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_works" ADD CONSTRAINT "control_works_school_id_control_form_id_control_forms_school_id_id_fk" FOREIGN KEY ("school_id","control_form_id") REFERENCES "public"."control_forms"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_works" ADD CONSTRAINT "control_works_school_id_work_programme_id_work_programmes_school_id_id_fk" FOREIGN KEY ("school_id","work_programme_id") REFERENCES "public"."work_programmes"("school_id","id") ON DELETE SET NULL ("work_programme_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_works" ADD CONSTRAINT "control_works_school_id_planned_topic_id_planned_topics_school_id_id_fk" FOREIGN KEY ("school_id","planned_topic_id") REFERENCES "public"."planned_topics"("school_id","id") ON DELETE SET NULL ("planned_topic_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_works" ADD CONSTRAINT "control_works_school_id_journal_lesson_id_journal_lessons_school_id_id_fk" FOREIGN KEY ("school_id","journal_lesson_id") REFERENCES "public"."journal_lessons"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework" ADD CONSTRAINT "homework_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework" ADD CONSTRAINT "homework_school_id_journal_lesson_id_journal_lessons_school_id_id_fk" FOREIGN KEY ("school_id","journal_lesson_id") REFERENCES "public"."journal_lessons"("school_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_audit" ADD CONSTRAINT "journal_audit_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lessons" ADD CONSTRAINT "journal_lessons_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lessons" ADD CONSTRAINT "journal_lessons_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lessons" ADD CONSTRAINT "journal_lessons_school_id_timetable_lesson_id_timetable_lessons_school_id_id_fk" FOREIGN KEY ("school_id","timetable_lesson_id") REFERENCES "public"."timetable_lessons"("school_id","id") ON DELETE SET NULL ("timetable_lesson_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lessons" ADD CONSTRAINT "journal_lessons_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lessons" ADD CONSTRAINT "journal_lessons_school_id_class_id_classes_school_id_id_fk" FOREIGN KEY ("school_id","class_id") REFERENCES "public"."classes"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lessons" ADD CONSTRAINT "journal_lessons_school_id_study_group_id_study_groups_school_id_id_fk" FOREIGN KEY ("school_id","study_group_id") REFERENCES "public"."study_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lessons" ADD CONSTRAINT "journal_lessons_school_id_employee_id_employees_school_id_id_fk" FOREIGN KEY ("school_id","employee_id") REFERENCES "public"."employees"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lessons" ADD CONSTRAINT "journal_lessons_school_id_substitute_employee_id_employees_school_id_id_fk" FOREIGN KEY ("school_id","substitute_employee_id") REFERENCES "public"."employees"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lessons" ADD CONSTRAINT "journal_lessons_school_id_planned_topic_id_planned_topics_school_id_id_fk" FOREIGN KEY ("school_id","planned_topic_id") REFERENCES "public"."planned_topics"("school_id","id") ON DELETE SET NULL ("planned_topic_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_materials" ADD CONSTRAINT "lesson_materials_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_materials" ADD CONSTRAINT "lesson_materials_school_id_journal_lesson_id_journal_lessons_school_id_id_fk" FOREIGN KEY ("school_id","journal_lesson_id") REFERENCES "public"."journal_lessons"("school_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_materials" ADD CONSTRAINT "lesson_materials_school_id_file_id_files_school_id_id_fk" FOREIGN KEY ("school_id","file_id") REFERENCES "public"."files"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_school_id_journal_lesson_id_journal_lessons_school_id_id_fk" FOREIGN KEY ("school_id","journal_lesson_id") REFERENCES "public"."journal_lessons"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_school_id_student_id_students_school_id_id_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_school_id_control_form_id_control_forms_school_id_id_fk" FOREIGN KEY ("school_id","control_form_id") REFERENCES "public"."control_forms"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_topics" ADD CONSTRAINT "planned_topics_school_id_work_programme_id_work_programmes_school_id_id_fk" FOREIGN KEY ("school_id","work_programme_id") REFERENCES "public"."work_programmes"("school_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_topics" ADD CONSTRAINT "planned_topics_school_id_control_form_id_control_forms_school_id_id_fk" FOREIGN KEY ("school_id","control_form_id") REFERENCES "public"."control_forms"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_checked_by_accounts_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_school_id_homework_id_homework_school_id_id_fk" FOREIGN KEY ("school_id","homework_id") REFERENCES "public"."homework"("school_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_school_id_student_id_students_school_id_id_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programmes" ADD CONSTRAINT "work_programmes_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programmes" ADD CONSTRAINT "work_programmes_school_id_employee_id_employees_school_id_id_fk" FOREIGN KEY ("school_id","employee_id") REFERENCES "public"."employees"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programmes" ADD CONSTRAINT "work_programmes_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programmes" ADD CONSTRAINT "work_programmes_school_id_class_id_classes_school_id_id_fk" FOREIGN KEY ("school_id","class_id") REFERENCES "public"."classes"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programmes" ADD CONSTRAINT "work_programmes_school_id_study_group_id_study_groups_school_id_id_fk" FOREIGN KEY ("school_id","study_group_id") REFERENCES "public"."study_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programmes" ADD CONSTRAINT "work_programmes_school_id_teaching_load_id_teaching_loads_school_id_id_fk" FOREIGN KEY ("school_id","teaching_load_id") REFERENCES "public"."teaching_loads"("school_id","id") ON DELETE SET NULL ("teaching_load_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programmes" ADD CONSTRAINT "work_programmes_school_id_codifier_id_content_codifiers_school_id_id_fk" FOREIGN KEY ("school_id","codifier_id") REFERENCES "public"."content_codifiers"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_codes_code_key" ON "attendance_codes" USING btree ("school_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_entries_key" ON "attendance_entries" USING btree ("school_id","journal_lesson_id","student_id");--> statement-breakpoint
CREATE INDEX "attendance_entries_date_idx" ON "attendance_entries" USING btree ("school_id","date","category");--> statement-breakpoint
CREATE INDEX "attendance_entries_student_idx" ON "attendance_entries" USING btree ("school_id","student_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "content_codifiers_name_key" ON "content_codifiers" USING btree ("school_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "content_elements_code_key" ON "content_elements" USING btree ("school_id","codifier_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "control_work_results_key" ON "control_work_results" USING btree ("school_id","control_work_id","student_id","task_id");--> statement-breakpoint
CREATE INDEX "control_work_tasks_work_idx" ON "control_work_tasks" USING btree ("school_id","control_work_id","position");--> statement-breakpoint
CREATE INDEX "control_works_target_idx" ON "control_works" USING btree ("school_id","academic_year","subject_id","planned_date");--> statement-breakpoint
CREATE INDEX "files_owner_idx" ON "files" USING btree ("school_id","owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "homework_lesson_idx" ON "homework" USING btree ("school_id","journal_lesson_id");--> statement-breakpoint
CREATE INDEX "homework_due_idx" ON "homework" USING btree ("school_id","due_date");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "journal_audit_cell_idx" ON "journal_audit" USING btree ("school_id","journal_lesson_id","student_id","at");--> statement-breakpoint
CREATE INDEX "journal_audit_entity_idx" ON "journal_audit" USING btree ("school_id","entity_type","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_lessons_dated_key" ON "journal_lessons" USING btree ("school_id","timetable_lesson_id","planned_date") WHERE "journal_lessons"."timetable_lesson_id" is not null;--> statement-breakpoint
CREATE INDEX "journal_lessons_class_idx" ON "journal_lessons" USING btree ("school_id","class_id","subject_id","date");--> statement-breakpoint
CREATE INDEX "journal_lessons_group_idx" ON "journal_lessons" USING btree ("school_id","study_group_id","subject_id","date");--> statement-breakpoint
CREATE INDEX "journal_lessons_employee_idx" ON "journal_lessons" USING btree ("school_id","employee_id","date");--> statement-breakpoint
CREATE INDEX "journal_lessons_date_idx" ON "journal_lessons" USING btree ("school_id","date");--> statement-breakpoint
CREATE INDEX "lesson_materials_lesson_idx" ON "lesson_materials" USING btree ("school_id","journal_lesson_id");--> statement-breakpoint
CREATE INDEX "marks_lesson_idx" ON "marks" USING btree ("school_id","journal_lesson_id");--> statement-breakpoint
CREATE INDEX "marks_student_idx" ON "marks" USING btree ("school_id","student_id","subject_id","date");--> statement-breakpoint
CREATE INDEX "marks_debt_idx" ON "marks" USING btree ("school_id","debt_deadline") WHERE "marks"."is_debt";--> statement-breakpoint
CREATE INDEX "planned_topics_programme_idx" ON "planned_topics" USING btree ("school_id","work_programme_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_key" ON "submissions" USING btree ("school_id","homework_id","student_id");--> statement-breakpoint
CREATE UNIQUE INDEX "work_programmes_class_key" ON "work_programmes" USING btree ("school_id","academic_year","employee_id","subject_id","class_id") WHERE "work_programmes"."class_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "work_programmes_group_key" ON "work_programmes" USING btree ("school_id","academic_year","employee_id","subject_id","study_group_id") WHERE "work_programmes"."study_group_id" is not null;--> statement-breakpoint
CREATE INDEX "work_programmes_year_idx" ON "work_programmes" USING btree ("school_id","academic_year","subject_id");--> statement-breakpoint
CREATE FUNCTION "journal_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'journal_audit is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "journal_audit_no_update" BEFORE UPDATE OR DELETE ON "journal_audit" FOR EACH ROW EXECUTE FUNCTION "journal_audit_append_only"();--> statement-breakpoint
CREATE TRIGGER "journal_audit_no_truncate" BEFORE TRUNCATE ON "journal_audit" FOR EACH STATEMENT EXECUTE FUNCTION "journal_audit_append_only"();
