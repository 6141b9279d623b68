CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text,
	`last_used_at` text,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_name` ON `api_keys` (`name`);--> statement-breakpoint
CREATE TABLE `alert_states` (
	`condition` text PRIMARY KEY NOT NULL,
	`raised_at` text NOT NULL,
	`details` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
ALTER TABLE `pipeline_runs` ADD `trigger` text DEFAULT 'cli' NOT NULL;--> statement-breakpoint
ALTER TABLE `pipeline_runs` ADD `kind` text DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE `pipeline_runs` ADD `recomputed_cells` integer;--> statement-breakpoint
ALTER TABLE `pipeline_runs` ADD `held` text;--> statement-breakpoint
ALTER TABLE `pipeline_runs` ADD `source_freshness` text DEFAULT '{}' NOT NULL;