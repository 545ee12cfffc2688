CREATE TABLE "account_identities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"subject" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "oidc_login_flows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"state_hash" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"return_to" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "study_group_members" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"study_group_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "study_group_members_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "study_groups" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"subject_id" uuid,
	"class_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "study_groups_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "study_groups_kind_check" CHECK ("study_groups"."kind" in ('subgroup', 'stream') and ("study_groups"."kind" = 'stream' or "study_groups"."class_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "teaching_loads" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"employee_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"class_id" uuid,
	"study_group_id" uuid,
	"hours_per_week" numeric(4, 1) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teaching_loads_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "teaching_loads_target_check" CHECK (("teaching_loads"."class_id" is null) <> ("teaching_loads"."study_group_id" is null))
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"format" text NOT NULL,
	"status" text NOT NULL,
	"file_name" text,
	"file_size" integer DEFAULT 0 NOT NULL,
	"file_sha256" text,
	"mapping" jsonb,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"applied_counts" jsonb,
	"error_code" text,
	"error_message" text,
	"created_by_account_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"analysed_at" timestamp with time zone,
	"applied_at" timestamp with time zone,
	"applied_by_account_id" uuid,
	CONSTRAINT "import_jobs_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "import_rows" (
	"school_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"outcome" text NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"data" jsonb NOT NULL,
	"target_id" uuid,
	"changed_fields" text[],
	"applied" boolean DEFAULT false NOT NULL,
	CONSTRAINT "import_rows_school_id_job_id_row_number_pk" PRIMARY KEY("school_id","job_id","row_number")
);
--> statement-breakpoint
ALTER TABLE "employees" ADD COLUMN "birth_date" date;--> statement-breakpoint
ALTER TABLE "guardians" ADD COLUMN "birth_date" date;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "individual_curriculum" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "adapted_programme" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "account_identities" ADD CONSTRAINT "account_identities_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_group_members" ADD CONSTRAINT "study_group_members_school_id_study_group_id_study_groups_school_id_id_fk" FOREIGN KEY ("school_id","study_group_id") REFERENCES "public"."study_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_group_members" ADD CONSTRAINT "study_group_members_school_id_student_id_students_school_id_id_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_groups" ADD CONSTRAINT "study_groups_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_groups" ADD CONSTRAINT "study_groups_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_groups" ADD CONSTRAINT "study_groups_school_id_class_id_classes_school_id_id_fk" FOREIGN KEY ("school_id","class_id") REFERENCES "public"."classes"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_loads" ADD CONSTRAINT "teaching_loads_school_id_employee_id_employees_school_id_id_fk" FOREIGN KEY ("school_id","employee_id") REFERENCES "public"."employees"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_loads" ADD CONSTRAINT "teaching_loads_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_loads" ADD CONSTRAINT "teaching_loads_school_id_class_id_classes_school_id_id_fk" FOREIGN KEY ("school_id","class_id") REFERENCES "public"."classes"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_loads" ADD CONSTRAINT "teaching_loads_school_id_study_group_id_study_groups_school_id_id_fk" FOREIGN KEY ("school_id","study_group_id") REFERENCES "public"."study_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_applied_by_account_id_accounts_id_fk" FOREIGN KEY ("applied_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_school_id_job_id_import_jobs_school_id_id_fk" FOREIGN KEY ("school_id","job_id") REFERENCES "public"."import_jobs"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_identities_subject_key" ON "account_identities" USING btree ("provider","subject");--> statement-breakpoint
CREATE INDEX "account_identities_account_idx" ON "account_identities" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "oidc_login_flows_state_key" ON "oidc_login_flows" USING btree ("state_hash");--> statement-breakpoint
CREATE INDEX "study_group_members_group_idx" ON "study_group_members" USING btree ("school_id","study_group_id");--> statement-breakpoint
CREATE INDEX "study_group_members_student_idx" ON "study_group_members" USING btree ("school_id","student_id");--> statement-breakpoint
CREATE UNIQUE INDEX "study_groups_name_key" ON "study_groups" USING btree ("school_id","academic_year","name");--> statement-breakpoint
CREATE INDEX "study_groups_class_idx" ON "study_groups" USING btree ("school_id","class_id");--> statement-breakpoint
CREATE INDEX "teaching_loads_employee_idx" ON "teaching_loads" USING btree ("school_id","employee_id","academic_year");--> statement-breakpoint
CREATE INDEX "import_jobs_school_created_idx" ON "import_jobs" USING btree ("school_id","created_at");--> statement-breakpoint
CREATE INDEX "employees_external_id_idx" ON "employees" USING btree ("school_id","external_id");--> statement-breakpoint
CREATE INDEX "employees_snils_idx" ON "employees" USING btree ("school_id","snils");--> statement-breakpoint
CREATE INDEX "employees_name_idx" ON "employees" USING btree ("school_id","last_name","first_name");--> statement-breakpoint
CREATE INDEX "guardians_external_id_idx" ON "guardians" USING btree ("school_id","external_id");--> statement-breakpoint
CREATE INDEX "guardians_snils_idx" ON "guardians" USING btree ("school_id","snils");--> statement-breakpoint
CREATE INDEX "guardians_name_idx" ON "guardians" USING btree ("school_id","last_name","first_name");--> statement-breakpoint
CREATE INDEX "guardians_snils_all_idx" ON "guardians" USING btree ("snils") WHERE "guardians"."snils" is not null;--> statement-breakpoint
CREATE INDEX "guardians_email_all_idx" ON "guardians" USING btree ("email") WHERE "guardians"."email" is not null;--> statement-breakpoint
CREATE INDEX "guardians_phone_all_idx" ON "guardians" USING btree ("phone") WHERE "guardians"."phone" is not null;--> statement-breakpoint
CREATE INDEX "students_external_id_idx" ON "students" USING btree ("school_id","external_id");--> statement-breakpoint
CREATE INDEX "students_snils_idx" ON "students" USING btree ("school_id","snils");--> statement-breakpoint
CREATE INDEX "students_name_idx" ON "students" USING btree ("school_id","last_name","first_name");--> statement-breakpoint
CREATE INDEX "students_snils_all_idx" ON "students" USING btree ("snils") WHERE "students"."snils" is not null;--> statement-breakpoint
CREATE INDEX "students_email_all_idx" ON "students" USING btree ("email") WHERE "students"."email" is not null;--> statement-breakpoint
CREATE INDEX "students_phone_all_idx" ON "students" USING btree ("phone") WHERE "students"."phone" is not null;