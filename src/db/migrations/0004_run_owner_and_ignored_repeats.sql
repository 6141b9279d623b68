ALTER TABLE `pipeline_runs` ADD `ignored_repeats` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `pipeline_runs` ADD `owner_identity` text;