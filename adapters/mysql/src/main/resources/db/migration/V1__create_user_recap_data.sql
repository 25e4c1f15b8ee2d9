-- Forecap recap store: one row a user, column names as the original service and its tools use them.
-- Applied by `forecap migrate` (which records it in forecap_schema_history) and, in the compose stack,
-- by the MySQL image's first start (docker-entrypoint-initdb.d). Safe to run more than once.
CREATE TABLE IF NOT EXISTS user_recap_data (
    user_id                     INT UNSIGNED   NOT NULL,
    user_name                   VARCHAR(255)   NOT NULL,
    trx_count                   INT UNSIGNED   NOT NULL DEFAULT 0,
    variant_count               INT UNSIGNED   NULL,
    total_point                 INT UNSIGNED   NULL,
    total_point_description     TEXT           NULL,
    total_point_possible_redeem INT UNSIGNED   NULL,
    total_point_product_name    VARCHAR(255)   NULL,
    total_point_image           VARCHAR(500)   NULL,
    delivery_count              INT UNSIGNED   NULL,
    pickup_count                INT UNSIGNED   NULL,
    cheaper_subs_desc           VARCHAR(100)   NULL,
    cheaper_subs_amount         DECIMAL(12, 2) NULL,
    top_ranking                 INT UNSIGNED   NULL,
    list_circular_images        JSON           NULL,
    list_product_favorite       JSON           NULL,
    list_favorite_store         JSON           NULL,
    created_at                  TIMESTAMP      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at                  TIMESTAMP      NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (user_id),
    KEY idx_trx_count (trx_count)
) ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci
  PARTITION BY HASH (user_id) PARTITIONS 16;
