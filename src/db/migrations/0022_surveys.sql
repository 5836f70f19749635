CREATE TABLE "priority_ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"cast_on" date NOT NULL,
	"stakeholder" text,
	"region" text,
	"income_group" text,
	"choices" uuid[] DEFAULT '{}'::uuid[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "priority_comparisons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"cast_on" date NOT NULL,
	"stakeholder" text,
	"winner" uuid NOT NULL,
	"loser" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "priority_cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"intro" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"original_locale" text DEFAULT 'en' NOT NULL,
	"income_year" text NOT NULL,
	"method" text DEFAULT 'approval' NOT NULL,
	"approval_limit" integer DEFAULT 3 NOT NULL,
	"weighting" text DEFAULT 'people' NOT NULL,
	"proposals_open_at" timestamp with time zone NOT NULL,
	"proposals_close_at" timestamp with time zone NOT NULL,
	"voting_opens_at" timestamp with time zone NOT NULL,
	"voting_closes_at" timestamp with time zone NOT NULL,
	"decision" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"next_steps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "priority_cycles_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "priority_themes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"title" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"original_locale" text DEFAULT 'en' NOT NULL,
	"state" text DEFAULT 'proposed' NOT NULL,
	"merged_into" uuid,
	"proposed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"adopted" boolean,
	"reason" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"group_id" uuid,
	"consultation_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "priority_voters" (
	"cycle_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"voted_on" date NOT NULL,
	"locale" text NOT NULL,
	"pairs" text[] DEFAULT '{}'::text[] NOT NULL,
	"told_at" timestamp with time zone,
	CONSTRAINT "priority_voters_cycle_id_user_id_pk" PRIMARY KEY("cycle_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "survey_drafts" (
	"survey_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"page" integer DEFAULT 0 NOT NULL,
	"locale" text NOT NULL,
	"stakeholder" text,
	"country" text,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_drafts_survey_id_user_id_pk" PRIMARY KEY("survey_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "survey_identified" (
	"response_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_invitations" (
	"survey_id" uuid NOT NULL,
	"email" text NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "survey_invitations_survey_id_email_pk" PRIMARY KEY("survey_id","email")
);
--> statement-breakpoint
CREATE TABLE "survey_participants" (
	"survey_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"responded_on" date NOT NULL,
	"locale" text NOT NULL,
	"told_at" timestamp with time zone,
	CONSTRAINT "survey_participants_survey_id_user_id_pk" PRIMARY KEY("survey_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"submitted_on" date NOT NULL,
	"source" text DEFAULT 'online' NOT NULL,
	"locale" text NOT NULL,
	"stakeholder" text,
	"region" text,
	"income_group" text,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"intro" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"thanks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"original_locale" text DEFAULT 'en' NOT NULL,
	"locales" text[] DEFAULT '{}'::text[] NOT NULL,
	"audience" text DEFAULT 'members' NOT NULL,
	"audience_ref" uuid,
	"anonymous" boolean DEFAULT true NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"income_year" text NOT NULL,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"results_public" boolean DEFAULT true NOT NULL,
	"cycle_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "priority_ballots" ADD CONSTRAINT "priority_ballots_cycle_id_priority_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."priority_cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_comparisons" ADD CONSTRAINT "priority_comparisons_cycle_id_priority_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."priority_cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_cycles" ADD CONSTRAINT "priority_cycles_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_themes" ADD CONSTRAINT "priority_themes_cycle_id_priority_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."priority_cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_themes" ADD CONSTRAINT "priority_themes_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_voters" ADD CONSTRAINT "priority_voters_cycle_id_priority_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."priority_cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_voters" ADD CONSTRAINT "priority_voters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_drafts" ADD CONSTRAINT "survey_drafts_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_drafts" ADD CONSTRAINT "survey_drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_identified" ADD CONSTRAINT "survey_identified_response_id_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_identified" ADD CONSTRAINT "survey_identified_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_participants" ADD CONSTRAINT "survey_participants_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_participants" ADD CONSTRAINT "survey_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "priority_ballots_cycle" ON "priority_ballots" USING btree ("cycle_id");--> statement-breakpoint
CREATE INDEX "priority_comparisons_cycle" ON "priority_comparisons" USING btree ("cycle_id");--> statement-breakpoint
CREATE INDEX "priority_themes_cycle" ON "priority_themes" USING btree ("cycle_id");--> statement-breakpoint
CREATE INDEX "survey_invitations_email" ON "survey_invitations" USING btree ("email","invited_at");--> statement-breakpoint
CREATE INDEX "survey_participants_user" ON "survey_participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "survey_responses_survey" ON "survey_responses" USING btree ("survey_id");