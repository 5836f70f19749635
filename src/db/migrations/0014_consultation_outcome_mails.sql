CREATE TABLE "consultation_outcome_mails" (
	"consultation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_outcome_mails_consultation_id_user_id_pk" PRIMARY KEY("consultation_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "consultation_outcome_mails" ADD CONSTRAINT "consultation_outcome_mails_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_outcome_mails" ADD CONSTRAINT "consultation_outcome_mails_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_outcome_mails_user" ON "consultation_outcome_mails" USING btree ("user_id");