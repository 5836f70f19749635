CREATE TABLE "consultation_reader_languages" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"locales" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"disposition" text NOT NULL,
	"response" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"original_locale" text DEFAULT 'en' NOT NULL,
	"changed_version_id" uuid,
	"changed_blocks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "commenter_profiles" ADD COLUMN "outcome_mail" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD COLUMN "response_id" uuid;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD COLUMN "assigned_to" uuid;--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "concluded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "final_version_id" uuid;--> statement-breakpoint
ALTER TABLE "consultation_reader_languages" ADD CONSTRAINT "consultation_reader_languages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_responses_consultation" ON "consultation_responses" USING btree ("consultation_id");--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_response_id_consultation_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."consultation_responses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_comments_response" ON "consultation_comments" USING btree ("response_id");