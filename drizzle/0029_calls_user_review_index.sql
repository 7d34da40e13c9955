-- The calls waiting for review per trainee, newest first: a trainer's "waiting for review" list and the review page's
-- next call find them without reading every call's row (`comments` is the row's last column, behind the JSON).
CREATE INDEX `calls_user_to_review_idx` ON `calls` (`user_id`,`created_at`) WHERE overridden = 0 AND comments = 0;
