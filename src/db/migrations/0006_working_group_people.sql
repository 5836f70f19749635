CREATE TABLE "working_group_people" (
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"listed" boolean DEFAULT false NOT NULL,
	"affiliation" text DEFAULT '' NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "working_group_people_once" UNIQUE("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "working_group_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"affiliation" text DEFAULT '' NOT NULL,
	"listed" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid
);
--> statement-breakpoint
ALTER TABLE "working_groups" ADD COLUMN "mandate" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "working_groups" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "working_group_people" ADD CONSTRAINT "working_group_people_group_id_working_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."working_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group_people" ADD CONSTRAINT "working_group_people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group_requests" ADD CONSTRAINT "working_group_requests_group_id_working_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."working_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group_requests" ADD CONSTRAINT "working_group_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group_requests" ADD CONSTRAINT "working_group_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "working_group_people_user" ON "working_group_people" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "working_group_requests_open" ON "working_group_requests" USING btree ("group_id","user_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "working_group_requests_user" ON "working_group_requests" USING btree ("user_id");