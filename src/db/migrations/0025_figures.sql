CREATE TABLE "figure_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"figure" text NOT NULL,
	"dimension" text NOT NULL,
	"groups" text NOT NULL,
	"percent" integer NOT NULL,
	"by_year" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "figure_targets_group" UNIQUE("figure","dimension","groups")
);
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "m49_region" text;--> statement-breakpoint
ALTER TABLE "figure_targets" ADD CONSTRAINT "figure_targets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;