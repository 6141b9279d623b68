CREATE TABLE "alert_states" (
	"condition" text COLLATE "C" PRIMARY KEY NOT NULL,
	"raised_at" text COLLATE "C" NOT NULL,
	"details" text COLLATE "C" DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"name" text COLLATE "C" NOT NULL,
	"role" text COLLATE "C" NOT NULL,
	"key_hash" text COLLATE "C" NOT NULL,
	"created_at" text COLLATE "C" NOT NULL,
	"expires_at" text COLLATE "C",
	"last_used_at" text COLLATE "C",
	"revoked_at" text COLLATE "C"
);
--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "trigger" text COLLATE "C" DEFAULT 'cli' NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "kind" text COLLATE "C" DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "recomputed_cells" bigint;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "held" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "source_freshness" text COLLATE "C" DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_name" ON "api_keys" USING btree ("name");