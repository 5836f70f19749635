CREATE TABLE "consultation_invitations" (
	"consultation_id" uuid NOT NULL,
	"email" text NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_invitations_consultation_id_email_pk" PRIMARY KEY("consultation_id","email")
);
--> statement-breakpoint
ALTER TABLE "consultation_invitations" ADD CONSTRAINT "consultation_invitations_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;