CREATE TABLE "report_translations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"markdown" text NOT NULL,
	"blocks" jsonb NOT NULL,
	"translator" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "report_translations_once" UNIQUE("version_id","locale")
);
--> statement-breakpoint
ALTER TABLE "report_translations" ADD CONSTRAINT "report_translations_version_id_report_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."report_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_translations" ADD CONSTRAINT "report_translations_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;