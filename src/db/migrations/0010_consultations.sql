CREATE TABLE "commenter_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"stakeholder_group" text NOT NULL,
	"country" text NOT NULL,
	"organization" text DEFAULT '' NOT NULL,
	"on_behalf" text DEFAULT 'self' NOT NULL,
	"display" text DEFAULT 'name' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"user_id" uuid,
	"block_id" text,
	"quote" jsonb,
	"quote_locale" text,
	"question_id" text,
	"parent_id" uuid,
	"body" text NOT NULL,
	"locale" text NOT NULL,
	"state" text NOT NULL,
	"source" text DEFAULT 'web' NOT NULL,
	"author_name" text DEFAULT '' NOT NULL,
	"organization" text DEFAULT '' NOT NULL,
	"stakeholder_group" text NOT NULL,
	"country" text NOT NULL,
	"region" text,
	"income_group" text,
	"on_behalf" text DEFAULT 'self' NOT NULL,
	"display" text DEFAULT 'name' NOT NULL,
	"hidden_reason" text,
	"moderated_at" timestamp with time zone,
	"moderated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_flags" (
	"comment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "consultation_flags_comment_id_user_id_pk" PRIMARY KEY("comment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "consultation_section_mails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"block_id" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"report_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"audience" text DEFAULT 'public' NOT NULL,
	"link_key" text NOT NULL,
	"moderation" text DEFAULT 'post' NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"original_locale" text DEFAULT 'en' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "consultations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "commenter_profiles" ADD CONSTRAINT "commenter_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_flags" ADD CONSTRAINT "consultation_flags_comment_id_consultation_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."consultation_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_flags" ADD CONSTRAINT "consultation_flags_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_section_mails" ADD CONSTRAINT "consultation_section_mails_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_section_mails" ADD CONSTRAINT "consultation_section_mails_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_comments_block" ON "consultation_comments" USING btree ("consultation_id","block_id","state");--> statement-breakpoint
CREATE INDEX "consultation_comments_user" ON "consultation_comments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "consultation_comments_parent" ON "consultation_comments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "consultation_section_mails_user" ON "consultation_section_mails" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "consultations_report" ON "consultations" USING btree ("report_id");