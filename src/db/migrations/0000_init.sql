CREATE TABLE `daily_metrics` (
	`level` text NOT NULL,
	`entity_id` text NOT NULL,
	`date` text NOT NULL,
	`spend` real DEFAULT 0 NOT NULL,
	`impressions` integer DEFAULT 0 NOT NULL,
	`clicks` integer DEFAULT 0 NOT NULL,
	`meta_trials` integer DEFAULT 0 NOT NULL,
	`meta_purchases` integer DEFAULT 0 NOT NULL,
	`trials` integer DEFAULT 0 NOT NULL,
	`purchases` integer DEFAULT 0 NOT NULL,
	`post_trial_users` integer DEFAULT 0 NOT NULL,
	`converted_users` integer DEFAULT 0 NOT NULL,
	`trial_refund_users` integer DEFAULT 0 NOT NULL,
	`purchase_refund_users` integer DEFAULT 0 NOT NULL,
	`actual_revenue` real DEFAULT 0 NOT NULL,
	`actual_refunds` real DEFAULT 0 NOT NULL,
	`estimated_revenue` real DEFAULT 0 NOT NULL,
	`trial_conversion_rate_sum` real DEFAULT 0 NOT NULL,
	`trial_conversion_rate_count` integer DEFAULT 0 NOT NULL,
	`trial_refund_rate_sum` real DEFAULT 0 NOT NULL,
	`trial_refund_rate_count` integer DEFAULT 0 NOT NULL,
	`purchase_refund_rate_sum` real DEFAULT 0 NOT NULL,
	`purchase_refund_rate_count` integer DEFAULT 0 NOT NULL,
	`trial_user_ids` text DEFAULT '[]' NOT NULL,
	`purchase_user_ids` text DEFAULT '[]' NOT NULL,
	`post_trial_user_ids` text DEFAULT '[]' NOT NULL,
	`converted_user_ids` text DEFAULT '[]' NOT NULL,
	`trial_refund_user_ids` text DEFAULT '[]' NOT NULL,
	`purchase_refund_user_ids` text DEFAULT '[]' NOT NULL,
	`net_actual_revenue` real GENERATED ALWAYS AS (("actual_revenue" - "actual_refunds")) VIRTUAL,
	`trial_conversion_rate_estimated` real GENERATED ALWAYS AS ((CASE WHEN "trial_conversion_rate_count" = 0 THEN NULL ELSE CAST("trial_conversion_rate_sum" AS REAL) / "trial_conversion_rate_count" END)) VIRTUAL,
	`trial_refund_rate_estimated` real GENERATED ALWAYS AS ((CASE WHEN "trial_refund_rate_count" = 0 THEN NULL ELSE CAST("trial_refund_rate_sum" AS REAL) / "trial_refund_rate_count" END)) VIRTUAL,
	`purchase_refund_rate_estimated` real GENERATED ALWAYS AS ((CASE WHEN "purchase_refund_rate_count" = 0 THEN NULL ELSE CAST("purchase_refund_rate_sum" AS REAL) / "purchase_refund_rate_count" END)) VIRTUAL,
	`trial_conversion_rate_actual` real GENERATED ALWAYS AS ((CASE WHEN "post_trial_users" = 0 THEN NULL ELSE CAST("converted_users" AS REAL) / "post_trial_users" END)) VIRTUAL,
	`trial_refund_rate_actual` real GENERATED ALWAYS AS ((CASE WHEN "converted_users" = 0 THEN NULL ELSE CAST("trial_refund_users" AS REAL) / "converted_users" END)) VIRTUAL,
	`purchase_refund_rate_actual` real GENERATED ALWAYS AS ((CASE WHEN "purchases" = 0 THEN NULL ELSE CAST("purchase_refund_users" AS REAL) / "purchases" END)) VIRTUAL,
	`trial_accuracy_ratio` real GENERATED ALWAYS AS ((CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END)) VIRTUAL,
	`purchase_accuracy_ratio` real GENERATED ALWAYS AS ((CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END)) VIRTUAL,
	`adjusted_estimated_revenue` real GENERATED ALWAYS AS ((CASE WHEN (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) > 0 THEN (CASE WHEN (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) = 0 THEN NULL ELSE CAST("estimated_revenue" AS REAL) / (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) END) ELSE "estimated_revenue" END)) VIRTUAL,
	`profit` real GENERATED ALWAYS AS (((CASE WHEN (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) > 0 THEN (CASE WHEN (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) = 0 THEN NULL ELSE CAST("estimated_revenue" AS REAL) / (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) END) ELSE "estimated_revenue" END) - "spend")) VIRTUAL,
	`roas` real GENERATED ALWAYS AS ((CASE WHEN "spend" = 0 THEN NULL ELSE CAST((CASE WHEN (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) > 0 THEN (CASE WHEN (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) = 0 THEN NULL ELSE CAST("estimated_revenue" AS REAL) / (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) END) ELSE "estimated_revenue" END) AS REAL) / "spend" END)) VIRTUAL,
	`mixpanel_cost_per_trial` real GENERATED ALWAYS AS ((CASE WHEN "trials" = 0 THEN NULL ELSE CAST("spend" AS REAL) / "trials" END)) VIRTUAL,
	`mixpanel_cost_per_purchase` real GENERATED ALWAYS AS ((CASE WHEN "purchases" = 0 THEN NULL ELSE CAST("spend" AS REAL) / "purchases" END)) VIRTUAL,
	`meta_cost_per_trial` real GENERATED ALWAYS AS ((CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("spend" AS REAL) / "meta_trials" END)) VIRTUAL,
	`meta_cost_per_purchase` real GENERATED ALWAYS AS ((CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("spend" AS REAL) / "meta_purchases" END)) VIRTUAL,
	`click_to_trial_rate` real GENERATED ALWAYS AS ((CASE WHEN "clicks" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "clicks" END)) VIRTUAL,
	`data_quality_score` real GENERATED ALWAYS AS ((CASE WHEN (max("trials", "meta_trials") + max("purchases", "meta_purchases")) = 0 THEN NULL ELSE CAST((min("trials", "meta_trials") + min("purchases", "meta_purchases")) AS REAL) / (max("trials", "meta_trials") + max("purchases", "meta_purchases")) END)) VIRTUAL,
	PRIMARY KEY(`level`, `entity_id`, `date`)
);
--> statement-breakpoint
CREATE TABLE `daily_metrics_breakdown` (
	`level` text NOT NULL,
	`entity_id` text NOT NULL,
	`dimension` text NOT NULL,
	`date` text NOT NULL,
	`value` text NOT NULL,
	`spend` real DEFAULT 0 NOT NULL,
	`impressions` integer DEFAULT 0 NOT NULL,
	`clicks` integer DEFAULT 0 NOT NULL,
	`meta_trials` integer DEFAULT 0 NOT NULL,
	`meta_purchases` integer DEFAULT 0 NOT NULL,
	`trials` integer DEFAULT 0 NOT NULL,
	`purchases` integer DEFAULT 0 NOT NULL,
	`post_trial_users` integer DEFAULT 0 NOT NULL,
	`converted_users` integer DEFAULT 0 NOT NULL,
	`trial_refund_users` integer DEFAULT 0 NOT NULL,
	`purchase_refund_users` integer DEFAULT 0 NOT NULL,
	`actual_revenue` real DEFAULT 0 NOT NULL,
	`actual_refunds` real DEFAULT 0 NOT NULL,
	`estimated_revenue` real DEFAULT 0 NOT NULL,
	`trial_conversion_rate_sum` real DEFAULT 0 NOT NULL,
	`trial_conversion_rate_count` integer DEFAULT 0 NOT NULL,
	`trial_refund_rate_sum` real DEFAULT 0 NOT NULL,
	`trial_refund_rate_count` integer DEFAULT 0 NOT NULL,
	`purchase_refund_rate_sum` real DEFAULT 0 NOT NULL,
	`purchase_refund_rate_count` integer DEFAULT 0 NOT NULL,
	`trial_user_ids` text DEFAULT '[]' NOT NULL,
	`purchase_user_ids` text DEFAULT '[]' NOT NULL,
	`post_trial_user_ids` text DEFAULT '[]' NOT NULL,
	`converted_user_ids` text DEFAULT '[]' NOT NULL,
	`trial_refund_user_ids` text DEFAULT '[]' NOT NULL,
	`purchase_refund_user_ids` text DEFAULT '[]' NOT NULL,
	`net_actual_revenue` real GENERATED ALWAYS AS (("actual_revenue" - "actual_refunds")) VIRTUAL,
	`trial_conversion_rate_estimated` real GENERATED ALWAYS AS ((CASE WHEN "trial_conversion_rate_count" = 0 THEN NULL ELSE CAST("trial_conversion_rate_sum" AS REAL) / "trial_conversion_rate_count" END)) VIRTUAL,
	`trial_refund_rate_estimated` real GENERATED ALWAYS AS ((CASE WHEN "trial_refund_rate_count" = 0 THEN NULL ELSE CAST("trial_refund_rate_sum" AS REAL) / "trial_refund_rate_count" END)) VIRTUAL,
	`purchase_refund_rate_estimated` real GENERATED ALWAYS AS ((CASE WHEN "purchase_refund_rate_count" = 0 THEN NULL ELSE CAST("purchase_refund_rate_sum" AS REAL) / "purchase_refund_rate_count" END)) VIRTUAL,
	`trial_conversion_rate_actual` real GENERATED ALWAYS AS ((CASE WHEN "post_trial_users" = 0 THEN NULL ELSE CAST("converted_users" AS REAL) / "post_trial_users" END)) VIRTUAL,
	`trial_refund_rate_actual` real GENERATED ALWAYS AS ((CASE WHEN "converted_users" = 0 THEN NULL ELSE CAST("trial_refund_users" AS REAL) / "converted_users" END)) VIRTUAL,
	`purchase_refund_rate_actual` real GENERATED ALWAYS AS ((CASE WHEN "purchases" = 0 THEN NULL ELSE CAST("purchase_refund_users" AS REAL) / "purchases" END)) VIRTUAL,
	`trial_accuracy_ratio` real GENERATED ALWAYS AS ((CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END)) VIRTUAL,
	`purchase_accuracy_ratio` real GENERATED ALWAYS AS ((CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END)) VIRTUAL,
	`adjusted_estimated_revenue` real GENERATED ALWAYS AS ((CASE WHEN (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) > 0 THEN (CASE WHEN (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) = 0 THEN NULL ELSE CAST("estimated_revenue" AS REAL) / (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) END) ELSE "estimated_revenue" END)) VIRTUAL,
	`profit` real GENERATED ALWAYS AS (((CASE WHEN (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) > 0 THEN (CASE WHEN (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) = 0 THEN NULL ELSE CAST("estimated_revenue" AS REAL) / (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) END) ELSE "estimated_revenue" END) - "spend")) VIRTUAL,
	`roas` real GENERATED ALWAYS AS ((CASE WHEN "spend" = 0 THEN NULL ELSE CAST((CASE WHEN (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) > 0 THEN (CASE WHEN (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) = 0 THEN NULL ELSE CAST("estimated_revenue" AS REAL) / (CASE WHEN "purchases" > "trials" THEN (CASE WHEN "meta_purchases" > 0 THEN (CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("purchases" AS REAL) / "meta_purchases" END) ELSE (CASE WHEN "purchases" > 0 THEN 1 ELSE NULL END) END) ELSE (CASE WHEN "meta_trials" > 0 THEN (CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "meta_trials" END) ELSE (CASE WHEN "trials" > 0 THEN 1 ELSE NULL END) END) END) END) ELSE "estimated_revenue" END) AS REAL) / "spend" END)) VIRTUAL,
	`mixpanel_cost_per_trial` real GENERATED ALWAYS AS ((CASE WHEN "trials" = 0 THEN NULL ELSE CAST("spend" AS REAL) / "trials" END)) VIRTUAL,
	`mixpanel_cost_per_purchase` real GENERATED ALWAYS AS ((CASE WHEN "purchases" = 0 THEN NULL ELSE CAST("spend" AS REAL) / "purchases" END)) VIRTUAL,
	`meta_cost_per_trial` real GENERATED ALWAYS AS ((CASE WHEN "meta_trials" = 0 THEN NULL ELSE CAST("spend" AS REAL) / "meta_trials" END)) VIRTUAL,
	`meta_cost_per_purchase` real GENERATED ALWAYS AS ((CASE WHEN "meta_purchases" = 0 THEN NULL ELSE CAST("spend" AS REAL) / "meta_purchases" END)) VIRTUAL,
	`click_to_trial_rate` real GENERATED ALWAYS AS ((CASE WHEN "clicks" = 0 THEN NULL ELSE CAST("trials" AS REAL) / "clicks" END)) VIRTUAL,
	`data_quality_score` real GENERATED ALWAYS AS ((CASE WHEN (max("trials", "meta_trials") + max("purchases", "meta_purchases")) = 0 THEN NULL ELSE CAST((min("trials", "meta_trials") + min("purchases", "meta_purchases")) AS REAL) / (max("trials", "meta_trials") + max("purchases", "meta_purchases")) END)) VIRTUAL,
	PRIMARY KEY(`level`, `entity_id`, `dimension`, `date`, `value`)
);
--> statement-breakpoint
CREATE TABLE `id_name_history` (
	`level` text NOT NULL,
	`entity_id` text NOT NULL,
	`name` text NOT NULL,
	`frequency` integer NOT NULL,
	`first_seen` text NOT NULL,
	`last_seen` text NOT NULL,
	PRIMARY KEY(`level`, `entity_id`, `name`)
);
--> statement-breakpoint
CREATE TABLE `id_name_mapping` (
	`level` text NOT NULL,
	`entity_id` text NOT NULL,
	`name` text,
	`frequency` integer,
	`last_seen` text,
	PRIMARY KEY(`level`, `entity_id`)
);
--> statement-breakpoint
CREATE TABLE `adset_campaign_mapping` (
	`adset_id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`confidence` real NOT NULL,
	`first_seen` text,
	`last_seen` text,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `adset_campaign_mapping_campaign` ON `adset_campaign_mapping` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `id_hierarchy_mapping` (
	`ad_id` text PRIMARY KEY NOT NULL,
	`adset_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`confidence` real NOT NULL,
	`first_seen` text,
	`last_seen` text,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `id_hierarchy_mapping_adset` ON `id_hierarchy_mapping` (`adset_id`);--> statement-breakpoint
CREATE TABLE `pipeline_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`as_of` text,
	`timezone` text,
	`parameters` text NOT NULL,
	`step` text,
	`progress` real DEFAULT 0 NOT NULL,
	`step_timings` text DEFAULT '{}' NOT NULL,
	`rows_written` integer,
	`rows_per_table` text DEFAULT '{}' NOT NULL,
	`skipped_rows` text DEFAULT '{}' NOT NULL,
	`error` text,
	`pid` integer
);
--> statement-breakpoint
CREATE TABLE `published_dataset` (
	`id` integer PRIMARY KEY NOT NULL,
	`run_id` integer NOT NULL,
	`as_of` text NOT NULL,
	`timezone` text NOT NULL,
	`published_at` text NOT NULL
);
