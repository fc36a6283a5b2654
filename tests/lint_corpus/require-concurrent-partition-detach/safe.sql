-- revision: c00021
-- down_revision: (none)
-- message: require-concurrent-partition-detach safe.sql
-- transactional: false
-- +upgrade
ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY;
-- +downgrade
ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
