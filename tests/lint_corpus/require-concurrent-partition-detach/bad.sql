-- revision: c00020
-- down_revision: (none)
-- message: require-concurrent-partition-detach bad.sql
-- transactional: true
-- +upgrade
ALTER TABLE events DETACH PARTITION events_2025; -- expect: require-concurrent-partition-detach
-- +downgrade
ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
