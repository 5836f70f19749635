CREATE TABLE "translation_marks" (
	"kind" text NOT NULL,
	"item" text NOT NULL,
	"field" text NOT NULL,
	"locale" text NOT NULL,
	"source_hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "translation_marks_kind_item_field_locale_pk" PRIMARY KEY("kind","item","field","locale")
);
--> statement-breakpoint
CREATE TABLE "site_pages" (
	"slug" text PRIMARY KEY NOT NULL,
	"title" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"body" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"original_locale" text DEFAULT 'en' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The site's "about" text was a setting: it becomes the About page and the home page's introduction.
INSERT INTO "site_pages" ("slug", "body", "original_locale")
SELECT p.slug, s."value", coalesce((SELECT o."value" #>> '{}' FROM "settings" o WHERE o."key" = 'site.originalLocale'), 'en')
FROM "settings" s CROSS JOIN (VALUES ('home'), ('about')) AS p(slug)
WHERE s."key" = 'site.about' AND jsonb_typeof(s."value") = 'object' AND s."value" <> '{}'::jsonb;
--> statement-breakpoint
DELETE FROM "settings" WHERE "key" = 'site.about';
