CREATE TABLE "publication_search" (
	"publication_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"document" "tsvector" NOT NULL,
	CONSTRAINT "publication_search_publication_id_locale_pk" PRIMARY KEY("publication_id","locale")
);
--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "session_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "publication_search" ADD CONSTRAINT "publication_search_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publication_search_document" ON "publication_search" USING gin ("document");