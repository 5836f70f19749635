CREATE TABLE "membership_application_notes" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"status" text NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "membership_application_events" ADD COLUMN "answers" jsonb;--> statement-breakpoint
ALTER TABLE "membership_application_notes" ADD CONSTRAINT "membership_application_notes_application_id_membership_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."membership_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_application_notes" ADD CONSTRAINT "membership_application_notes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "membership_application_notes_app_idx" ON "membership_application_notes" USING btree ("application_id","at");