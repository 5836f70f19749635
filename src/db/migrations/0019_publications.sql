CREATE TABLE "publication_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" jsonb NOT NULL,
	"theme" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"original_locale" text DEFAULT 'en' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	CONSTRAINT "publication_calls_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "publication_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publication_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"actor_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publication_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"prefix" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"original_locale" text DEFAULT 'en' NOT NULL,
	"working_group_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publication_series_slug_unique" UNIQUE("slug"),
	CONSTRAINT "publication_series_prefix_unique" UNIQUE("prefix")
);
--> statement-breakpoint
CREATE TABLE "publication_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publication_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"meta" jsonb NOT NULL,
	"authors" jsonb NOT NULL,
	"body" text NOT NULL,
	"pdf_key" text,
	"pdf_bytes" integer,
	"note" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	CONSTRAINT "publication_versions_number" UNIQUE("publication_id","number")
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid NOT NULL,
	"call_id" uuid,
	"number" text NOT NULL,
	"kind" text DEFAULT 'brief' NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"locale" text NOT NULL,
	"translation_of" uuid,
	"translation_method" text,
	"submitted_by" uuid,
	"authors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"pdf_key" text,
	"pdf_bytes" integer,
	"audiences" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"countries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sdg_targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"report_id" uuid,
	"round" integer DEFAULT 0 NOT NULL,
	"current_version" integer DEFAULT 0 NOT NULL,
	"first_published_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publications_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "publication_review_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publication_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"state" text DEFAULT 'invited' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	"conflict" text DEFAULT '' NOT NULL,
	"recommendation" text,
	"to_author" text DEFAULT '' NOT NULL,
	"to_editor" text DEFAULT '' NOT NULL,
	"completed_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"outcome_sent_at" timestamp with time zone,
	CONSTRAINT "publication_review_once" UNIQUE("publication_id","round","reviewer_id")
);
--> statement-breakpoint
ALTER TABLE "publication_calls" ADD CONSTRAINT "publication_calls_series_id_publication_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."publication_series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_events" ADD CONSTRAINT "publication_events_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_events" ADD CONSTRAINT "publication_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_versions" ADD CONSTRAINT "publication_versions_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_versions" ADD CONSTRAINT "publication_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_series_id_publication_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."publication_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_call_id_publication_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."publication_calls"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_review_assignments" ADD CONSTRAINT "publication_review_assignments_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_review_assignments" ADD CONSTRAINT "publication_review_assignments_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publication_events_item" ON "publication_events" USING btree ("publication_id","at");--> statement-breakpoint
CREATE INDEX "publications_series_state" ON "publications" USING btree ("series_id","state");--> statement-breakpoint
CREATE INDEX "publications_translation_of" ON "publications" USING btree ("translation_of");--> statement-breakpoint
CREATE INDEX "publication_review_reviewer" ON "publication_review_assignments" USING btree ("reviewer_id");