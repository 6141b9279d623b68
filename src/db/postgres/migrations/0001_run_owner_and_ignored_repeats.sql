ALTER TABLE "pipeline_runs" ADD COLUMN "ignored_repeats" text COLLATE "C" DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "owner_identity" text COLLATE "C";