CREATE TABLE "adset_campaign_mapping" (
	"adset_id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"campaign_id" text COLLATE "C" NOT NULL,
	"confidence" double precision NOT NULL,
	"first_seen" text COLLATE "C",
	"last_seen" text COLLATE "C",
	"source" text COLLATE "C" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "breakdown_user_lists" (
	"level" text COLLATE "C" NOT NULL,
	"entity_id" text COLLATE "C" NOT NULL,
	"dimension" text COLLATE "C" NOT NULL,
	"date" text COLLATE "C" NOT NULL,
	"value" text COLLATE "C" NOT NULL,
	"trial_user_ids" text COLLATE "C" DEFAULT '[]' NOT NULL,
	"purchase_user_ids" text COLLATE "C" DEFAULT '[]' NOT NULL,
	"post_trial_user_ids" text COLLATE "C" DEFAULT '[]' NOT NULL,
	"converted_user_ids" text COLLATE "C" DEFAULT '[]' NOT NULL,
	"trial_refund_user_ids" text COLLATE "C" DEFAULT '[]' NOT NULL,
	"purchase_refund_user_ids" text COLLATE "C" DEFAULT '[]' NOT NULL,
	CONSTRAINT "breakdown_user_lists_level_dimension_entity_id_date_value_pk" PRIMARY KEY("level","dimension","entity_id","date","value")
);
--> statement-breakpoint
CREATE TABLE "daily_metrics" (
	"level" text COLLATE "C" NOT NULL,
	"entity_id" text COLLATE "C" NOT NULL,
	"date" text COLLATE "C" NOT NULL,
	"spend" double precision DEFAULT 0 NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"meta_trials" bigint DEFAULT 0 NOT NULL,
	"meta_purchases" bigint DEFAULT 0 NOT NULL,
	"trials" bigint DEFAULT 0 NOT NULL,
	"purchases" bigint DEFAULT 0 NOT NULL,
	"post_trial_users" bigint DEFAULT 0 NOT NULL,
	"converted_users" bigint DEFAULT 0 NOT NULL,
	"trial_refund_users" bigint DEFAULT 0 NOT NULL,
	"purchase_refund_users" bigint DEFAULT 0 NOT NULL,
	"actual_revenue" double precision DEFAULT 0 NOT NULL,
	"actual_refunds" double precision DEFAULT 0 NOT NULL,
	"estimated_revenue" double precision DEFAULT 0 NOT NULL,
	"trial_conversion_rate_sum" double precision DEFAULT 0 NOT NULL,
	"trial_conversion_rate_count" bigint DEFAULT 0 NOT NULL,
	"trial_refund_rate_sum" double precision DEFAULT 0 NOT NULL,
	"trial_refund_rate_count" bigint DEFAULT 0 NOT NULL,
	"purchase_refund_rate_sum" double precision DEFAULT 0 NOT NULL,
	"purchase_refund_rate_count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_metrics_level_entity_id_date_pk" PRIMARY KEY("level","entity_id","date")
);
--> statement-breakpoint
CREATE TABLE "daily_metrics_breakdown" (
	"level" text COLLATE "C" NOT NULL,
	"entity_id" text COLLATE "C" NOT NULL,
	"dimension" text COLLATE "C" NOT NULL,
	"date" text COLLATE "C" NOT NULL,
	"value" text COLLATE "C" NOT NULL,
	"spend" double precision DEFAULT 0 NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"meta_trials" bigint DEFAULT 0 NOT NULL,
	"meta_purchases" bigint DEFAULT 0 NOT NULL,
	"trials" bigint DEFAULT 0 NOT NULL,
	"purchases" bigint DEFAULT 0 NOT NULL,
	"post_trial_users" bigint DEFAULT 0 NOT NULL,
	"converted_users" bigint DEFAULT 0 NOT NULL,
	"trial_refund_users" bigint DEFAULT 0 NOT NULL,
	"purchase_refund_users" bigint DEFAULT 0 NOT NULL,
	"actual_revenue" double precision DEFAULT 0 NOT NULL,
	"actual_refunds" double precision DEFAULT 0 NOT NULL,
	"estimated_revenue" double precision DEFAULT 0 NOT NULL,
	"trial_conversion_rate_sum" double precision DEFAULT 0 NOT NULL,
	"trial_conversion_rate_count" bigint DEFAULT 0 NOT NULL,
	"trial_refund_rate_sum" double precision DEFAULT 0 NOT NULL,
	"trial_refund_rate_count" bigint DEFAULT 0 NOT NULL,
	"purchase_refund_rate_sum" double precision DEFAULT 0 NOT NULL,
	"purchase_refund_rate_count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_metrics_breakdown_level_dimension_entity_id_date_value_pk" PRIMARY KEY("level","dimension","entity_id","date","value")
);
--> statement-breakpoint
CREATE TABLE "daily_user_lists" (
	"level" text COLLATE "C" NOT NULL,
	"entity_id" text COLLATE "C" NOT NULL,
	"date" text COLLATE "C" NOT NULL,
	"trial_user_ids" text COLLATE "C" DEFAULT '[]' NOT NULL,
	"purchase_user_ids" text COLLATE "C" DEFAULT '[]' NOT NULL,
	"post_trial_user_ids" text COLLATE "C" DEFAULT '[]' NOT NULL,
	"converted_user_ids" text COLLATE "C" DEFAULT '[]' NOT NULL,
	"trial_refund_user_ids" text COLLATE "C" DEFAULT '[]' NOT NULL,
	"purchase_refund_user_ids" text COLLATE "C" DEFAULT '[]' NOT NULL,
	CONSTRAINT "daily_user_lists_level_entity_id_date_pk" PRIMARY KEY("level","entity_id","date")
);
--> statement-breakpoint
CREATE TABLE "id_hierarchy_mapping" (
	"ad_id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"adset_id" text COLLATE "C" NOT NULL,
	"campaign_id" text COLLATE "C" NOT NULL,
	"confidence" double precision NOT NULL,
	"first_seen" text COLLATE "C",
	"last_seen" text COLLATE "C",
	"source" text COLLATE "C" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "id_name_history" (
	"level" text COLLATE "C" NOT NULL,
	"entity_id" text COLLATE "C" NOT NULL,
	"name" text COLLATE "C" NOT NULL,
	"frequency" bigint NOT NULL,
	"first_seen" text COLLATE "C" NOT NULL,
	"last_seen" text COLLATE "C" NOT NULL,
	CONSTRAINT "id_name_history_level_entity_id_name_pk" PRIMARY KEY("level","entity_id","name")
);
--> statement-breakpoint
CREATE TABLE "id_name_mapping" (
	"level" text COLLATE "C" NOT NULL,
	"entity_id" text COLLATE "C" NOT NULL,
	"name" text COLLATE "C",
	"frequency" bigint,
	"last_seen" text COLLATE "C",
	CONSTRAINT "id_name_mapping_level_entity_id_pk" PRIMARY KEY("level","entity_id")
);
--> statement-breakpoint
CREATE TABLE "pipeline_runs" (
	"id" integer PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY (sequence name "pipeline_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"status" text COLLATE "C" NOT NULL,
	"started_at" text COLLATE "C" NOT NULL,
	"finished_at" text COLLATE "C",
	"as_of" text COLLATE "C",
	"timezone" text COLLATE "C",
	"parameters" text COLLATE "C" NOT NULL,
	"step" text COLLATE "C",
	"progress" double precision DEFAULT 0 NOT NULL,
	"step_timings" text COLLATE "C" DEFAULT '{}' NOT NULL,
	"rows_written" bigint,
	"rows_per_table" text COLLATE "C" DEFAULT '{}' NOT NULL,
	"skipped_rows" text COLLATE "C" DEFAULT '{}' NOT NULL,
	"error" text COLLATE "C",
	"pid" bigint
);
--> statement-breakpoint
CREATE TABLE "published_dataset" (
	"id" bigint PRIMARY KEY NOT NULL,
	"run_id" bigint NOT NULL,
	"as_of" text COLLATE "C" NOT NULL,
	"timezone" text COLLATE "C" NOT NULL,
	"published_at" text COLLATE "C" NOT NULL
);
--> statement-breakpoint
CREATE INDEX "adset_campaign_mapping_campaign" ON "adset_campaign_mapping" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "id_hierarchy_mapping_adset" ON "id_hierarchy_mapping" USING btree ("adset_id");