CREATE TABLE "inbound_mail" (
	"id" serial PRIMARY KEY NOT NULL,
	"message_id" text NOT NULL,
	"from_address" text NOT NULL,
	"purpose" text,
	"outcome" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_mail_message_id_unique" UNIQUE("message_id")
);
--> statement-breakpoint
CREATE INDEX "inbound_mail_from_idx" ON "inbound_mail" USING btree ("from_address","received_at");