CREATE TABLE `breakdown_user_lists` (
	`level` text NOT NULL,
	`entity_id` text NOT NULL,
	`dimension` text NOT NULL,
	`date` text NOT NULL,
	`value` text NOT NULL,
	`trial_user_ids` text DEFAULT '[]' NOT NULL,
	`purchase_user_ids` text DEFAULT '[]' NOT NULL,
	`post_trial_user_ids` text DEFAULT '[]' NOT NULL,
	`converted_user_ids` text DEFAULT '[]' NOT NULL,
	`trial_refund_user_ids` text DEFAULT '[]' NOT NULL,
	`purchase_refund_user_ids` text DEFAULT '[]' NOT NULL,
	PRIMARY KEY(`level`, `dimension`, `entity_id`, `date`, `value`)
);
--> statement-breakpoint
CREATE TABLE `daily_user_lists` (
	`level` text NOT NULL,
	`entity_id` text NOT NULL,
	`date` text NOT NULL,
	`trial_user_ids` text DEFAULT '[]' NOT NULL,
	`purchase_user_ids` text DEFAULT '[]' NOT NULL,
	`post_trial_user_ids` text DEFAULT '[]' NOT NULL,
	`converted_user_ids` text DEFAULT '[]' NOT NULL,
	`trial_refund_user_ids` text DEFAULT '[]' NOT NULL,
	`purchase_refund_user_ids` text DEFAULT '[]' NOT NULL,
	PRIMARY KEY(`level`, `entity_id`, `date`)
);
--> statement-breakpoint
-- Keep the lists of an existing database: copy them before their columns go.
INSERT INTO `daily_user_lists` (`level`, `entity_id`, `date`, `trial_user_ids`, `purchase_user_ids`, `post_trial_user_ids`, `converted_user_ids`, `trial_refund_user_ids`, `purchase_refund_user_ids`) SELECT `level`, `entity_id`, `date`, `trial_user_ids`, `purchase_user_ids`, `post_trial_user_ids`, `converted_user_ids`, `trial_refund_user_ids`, `purchase_refund_user_ids` FROM `daily_metrics` WHERE `trial_user_ids` <> '[]' OR `purchase_user_ids` <> '[]' OR `post_trial_user_ids` <> '[]' OR `converted_user_ids` <> '[]' OR `trial_refund_user_ids` <> '[]' OR `purchase_refund_user_ids` <> '[]';--> statement-breakpoint
INSERT INTO `breakdown_user_lists` (`level`, `entity_id`, `dimension`, `date`, `value`, `trial_user_ids`, `purchase_user_ids`, `post_trial_user_ids`, `converted_user_ids`, `trial_refund_user_ids`, `purchase_refund_user_ids`) SELECT `level`, `entity_id`, `dimension`, `date`, `value`, `trial_user_ids`, `purchase_user_ids`, `post_trial_user_ids`, `converted_user_ids`, `trial_refund_user_ids`, `purchase_refund_user_ids` FROM `daily_metrics_breakdown` WHERE `trial_user_ids` <> '[]' OR `purchase_user_ids` <> '[]' OR `post_trial_user_ids` <> '[]' OR `converted_user_ids` <> '[]' OR `trial_refund_user_ids` <> '[]' OR `purchase_refund_user_ids` <> '[]';--> statement-breakpoint
ALTER TABLE `daily_metrics` DROP COLUMN `trial_user_ids`;--> statement-breakpoint
ALTER TABLE `daily_metrics` DROP COLUMN `purchase_user_ids`;--> statement-breakpoint
ALTER TABLE `daily_metrics` DROP COLUMN `post_trial_user_ids`;--> statement-breakpoint
ALTER TABLE `daily_metrics` DROP COLUMN `converted_user_ids`;--> statement-breakpoint
ALTER TABLE `daily_metrics` DROP COLUMN `trial_refund_user_ids`;--> statement-breakpoint
ALTER TABLE `daily_metrics` DROP COLUMN `purchase_refund_user_ids`;--> statement-breakpoint
ALTER TABLE `daily_metrics_breakdown` DROP COLUMN `trial_user_ids`;--> statement-breakpoint
ALTER TABLE `daily_metrics_breakdown` DROP COLUMN `purchase_user_ids`;--> statement-breakpoint
ALTER TABLE `daily_metrics_breakdown` DROP COLUMN `post_trial_user_ids`;--> statement-breakpoint
ALTER TABLE `daily_metrics_breakdown` DROP COLUMN `converted_user_ids`;--> statement-breakpoint
ALTER TABLE `daily_metrics_breakdown` DROP COLUMN `trial_refund_user_ids`;--> statement-breakpoint
ALTER TABLE `daily_metrics_breakdown` DROP COLUMN `purchase_refund_user_ids`;