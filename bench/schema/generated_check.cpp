// `qgp db check` on a generated schema: the same code path as the command (scratch database from
// template0, canonicalisation, two introspections, diff), with the declared side generated here
// instead of compiled in.
//   generated_check setup CONNINFO [TABLES]   apply the generated schema to CONNINFO
//   generated_check check CONNINFO [TABLES]   exit 0 when CONNINFO matches it, 1 otherwise
#include <cstdlib>
#include <iostream>
#include <string>

#include <fmt/format.h>

#include "db/connection.hpp"
#include "migrate/autogen.hpp"
#include "migrate/ddl.hpp"
#include "schema/model.hpp"

namespace {

using qgp::schema::Column;
using qgp::schema::Identity;

qgp::schema::Schema generated_schema(int tables) {
  qgp::schema::Schema s;
  s.functions.push_back({"bench_set_updated_at", "trigger", "plpgsql",
                         "\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n"});
  for (int i = 0; i < tables; ++i) {
    qgp::schema::Table t;
    t.name = fmt::format("t{:03}", i);
    t.comment = fmt::format("generated table {}", i);
    t.columns = {
        Column{"id", "bigint", false, std::nullopt, Identity::kAlways, "", std::nullopt},
        Column{"name", "text", false, std::nullopt, Identity::kNone, "display name", std::nullopt},
        Column{"status", "text", false, "'open'", Identity::kNone, "", std::nullopt},
        Column{"amount", "numeric(12,2)", true, "0", Identity::kNone, "", std::nullopt},
        Column{"parent_id", "bigint", true, std::nullopt, Identity::kNone, "", std::nullopt},
        Column{"created_at", "timestamp with time zone", false, "now()", Identity::kNone, "",
               std::nullopt},
        Column{"updated_at", "timestamp with time zone", false, "now()", Identity::kNone, "",
               std::nullopt},
    };
    t.primary_key = qgp::schema::PrimaryKey{t.name + "_pkey", {"id"}};
    t.uniques = {{t.name + "_name_key", {"name"}}};
    t.checks = {{t.name + "_status_check", "status IN ('open', 'closed', 'archived')"}};
    if (i > 0) {
      t.foreign_keys = {{t.name + "_parent_id_fkey",
                         {"parent_id"},
                         fmt::format("t{:03}", i - 1),
                         {"id"},
                         qgp::schema::FkAction::kCascade,
                         qgp::schema::FkAction::kNoAction}};
    }
    t.indexes = {
        {"ix_" + t.name + "_parent_id", {"parent_id"}, false, "btree", std::nullopt},
        {"ix_" + t.name + "_open", {"created_at DESC"}, false, "btree", "status = 'open'"}};
    t.triggers = {
        {"trg_" + t.name + "_updated_at", "BEFORE", "UPDATE", "ROW", "bench_set_updated_at"}};
    s.tables.push_back(std::move(t));
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: generated_check setup|check CONNINFO [TABLES]\n";
    return 2;
  }
  const std::string mode = argv[1];
  const std::string conninfo = argv[2];
  const int tables = argc > 3 ? std::atoi(argv[3]) : 200;
  const auto declared = generated_schema(tables);
  try {
    if (mode == "setup") {
      qgp::db::Connection connection(conninfo);
      connection.exec(
          "BEGIN;\n"
          + qgp::migrate::ddl::join_statements(qgp::migrate::ddl::create_schema(declared))
          + "COMMIT;");
      return 0;
    }
    const auto diff = qgp::migrate::diff_live_to_declared(conninfo, declared);
    std::cout << fmt::format("{} difference(s)\n", diff.upgrade.changes.size());
    return diff.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "generated_check: " << e.what() << '\n';
    return 1;
  }
}
