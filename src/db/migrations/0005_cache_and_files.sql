CREATE TABLE "content_versions" (
	"table_name" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"key" text PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE SEQUENCE "content_version_seq";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bridges_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO content_versions AS v (table_name, version, changed_at) VALUES (TG_TABLE_NAME, nextval('content_version_seq'), now())
    ON CONFLICT (table_name) DO UPDATE SET version = nextval('content_version_seq'), changed_at = now();
  PERFORM pg_notify('bridges_content', TG_TABLE_NAME);
  RETURN NULL;
END $$;
