#include "support/fixtures.hpp"

namespace qgp::testing {

std::int64_t insert_audit_run(db::Connection& connection) {
  connection.exec(
      "INSERT INTO audit_templates (reference_number, name) VALUES ('TPL-2026-0001', 'T')");
  connection.exec(
      "INSERT INTO audit_template_versions (template_id, version_number, content) "
      "VALUES (1, 1, '{}'::jsonb)");
  return connection
      .exec(
          "INSERT INTO audit_runs (reference_number, template_id, template_version_id, title) "
          "VALUES ('AUD-2026-0001', 1, 1, 'Warehouse inspection') RETURNING id")
      .int64(0, 0);
}

}  // namespace qgp::testing
