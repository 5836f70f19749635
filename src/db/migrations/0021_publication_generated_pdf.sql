ALTER TABLE "publication_versions" ADD COLUMN "generated_pdf_key" text;--> statement-breakpoint
ALTER TABLE "publication_versions" ADD COLUMN "generated_pdf_bytes" integer;