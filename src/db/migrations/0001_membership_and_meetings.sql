CREATE TABLE "private_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"subscription_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"change" text NOT NULL,
	"source" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "meeting_activity_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"activity_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"registration_id" uuid NOT NULL,
	"day" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "meeting_financing_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"travel" boolean NOT NULL,
	"accommodation" boolean NOT NULL,
	"justification" text NOT NULL,
	"estimated_cost" integer NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"approved_amount" integer DEFAULT 0 NOT NULL,
	"decision_note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "meeting_financing_requests_registration_id_unique" UNIQUE("registration_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"label" jsonb NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"room" text DEFAULT '' NOT NULL,
	"speakers" text[] DEFAULT '{}'::text[] NOT NULL,
	"chairs" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" jsonb NOT NULL,
	"quota" integer,
	"invitation_code_hash" text,
	"colour" text DEFAULT '#0b4f8a' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"meeting_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"status" text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"organization" text DEFAULT '' NOT NULL,
	"country" text NOT NULL,
	"locale" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"check_in_code" text NOT NULL,
	"offer_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "meeting_registrations_check_in_code_unique" UNIQUE("check_in_code")
);
--> statement-breakpoint
CREATE TABLE "membership_application_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_application_votes" (
	"application_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"vote" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_application_votes_application_id_user_id_pk" PRIMARY KEY("application_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "membership_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"email" text NOT NULL,
	"email_confirmed_at" timestamp with time zone,
	"locale" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"country" text,
	"org_type" text,
	"working_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"document_key" text,
	"document_name" text,
	"document_size" integer,
	"submit_requested_at" timestamp with time zone,
	"duplicates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"info_request" text,
	"decision_note" text,
	"submitted_at" timestamp with time zone,
	"recommended_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_applications_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "member_people" (
	"member_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"primary_contact" boolean DEFAULT false NOT NULL,
	CONSTRAINT "member_people_member_id_user_id_pk" PRIMARY KEY("member_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"name" text NOT NULL,
	"acronym" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"country" text NOT NULL,
	"countries_of_operation" text[] DEFAULT '{}'::text[] NOT NULL,
	"website" text DEFAULT '' NOT NULL,
	"affiliation" text DEFAULT '' NOT NULL,
	"areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"working_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"listed" boolean DEFAULT false NOT NULL,
	"public_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"joined_on" date NOT NULL,
	"ended_on" date,
	"status_reason" text DEFAULT '' NOT NULL,
	"application_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "capacity" integer;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "allocation" text DEFAULT 'fcfs' NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "registration_opens_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "registration_closes_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "offer_hours" integer DEFAULT 72 NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "financing_budget" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "financing_currency" text DEFAULT 'USD' NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "financing_income_groups" text[] DEFAULT '{low,lower-middle}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "financing_closes_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_activity_signups" ADD CONSTRAINT "meeting_activity_signups_activity_id_side_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."side_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_activity_signups" ADD CONSTRAINT "meeting_activity_signups_registration_id_meeting_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."meeting_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_registration_id_meeting_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."meeting_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_financing_requests" ADD CONSTRAINT "meeting_financing_requests_registration_id_meeting_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."meeting_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_questions" ADD CONSTRAINT "meeting_questions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_sessions" ADD CONSTRAINT "meeting_sessions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_categories" ADD CONSTRAINT "meeting_categories_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_registrations" ADD CONSTRAINT "meeting_registrations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_registrations" ADD CONSTRAINT "meeting_registrations_category_id_meeting_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."meeting_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_application_events" ADD CONSTRAINT "membership_application_events_application_id_membership_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."membership_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_application_events" ADD CONSTRAINT "membership_application_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_application_votes" ADD CONSTRAINT "membership_application_votes_application_id_membership_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."membership_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_application_votes" ADD CONSTRAINT "membership_application_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_people" ADD CONSTRAINT "member_people_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_people" ADD CONSTRAINT "member_people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_application_id_membership_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."membership_applications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "private_links_subject_idx" ON "private_links" USING btree ("kind","subject_id");--> statement-breakpoint
CREATE INDEX "consent_events_sub_idx" ON "consent_events" USING btree ("subscription_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_activity_signups_idx" ON "meeting_activity_signups" USING btree ("activity_id","registration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_attendance_idx" ON "meeting_attendance" USING btree ("registration_id","day");--> statement-breakpoint
CREATE INDEX "meeting_sessions_meeting_idx" ON "meeting_sessions" USING btree ("meeting_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_categories_slug_idx" ON "meeting_categories" USING btree ("meeting_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_registrations_email_idx" ON "meeting_registrations" USING btree ("meeting_id","email");--> statement-breakpoint
CREATE INDEX "meeting_registrations_status_idx" ON "meeting_registrations" USING btree ("meeting_id","status","seq");--> statement-breakpoint
CREATE INDEX "membership_application_events_app_idx" ON "membership_application_events" USING btree ("application_id","at");--> statement-breakpoint
CREATE INDEX "membership_applications_status_idx" ON "membership_applications" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "membership_applications_email_idx" ON "membership_applications" USING btree ("email");--> statement-breakpoint
CREATE INDEX "member_people_user_idx" ON "member_people" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "members_directory_idx" ON "members" USING btree ("status","listed","name");--> statement-breakpoint
CREATE INDEX "members_country_idx" ON "members" USING btree ("country");