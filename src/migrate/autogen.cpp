#include "migrate/autogen.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>
#include <optional>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/conninfo.hpp"
#include "db/errors.hpp"
#include "migrate/catalog_cache.hpp"
#include "migrate/ddl.hpp"
#include "migrate/introspect.hpp"

namespace qgp::migrate {

namespace {
std::atomic<int> g_scratch_counter{0};
}  // namespace

ScratchDatabase::ScratchDatabase(std::string conninfo)
    : admin_conninfo_(std::move(conninfo)),
      name_(fmt::format("qgp_scratch_{}_{}", ::getpid(), g_scratch_counter.fetch_add(1))) {
  db::Connection admin(admin_conninfo_);
  admin.exec(fmt::format("CREATE DATABASE {} TEMPLATE template0 STRATEGY FILE_COPY",
                         admin.escape_identifier(name_)));
  url_ = db::with_database(admin_conninfo_, name_);
}

ScratchDatabase::~ScratchDatabase() {
  try {
    db::Connection admin(admin_conninfo_);
    admin.exec(
        fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", admin.escape_identifier(name_)));
  } catch (const std::exception& e) {
    // A destructor must not throw; say which database was left behind.
    // Nothing useful to do if stderr itself fails, hence the discarded result.
    static_cast<void>(std::fprintf(stderr, "qgp: could not drop scratch database %s: %s\n",
                                   name_.c_str(), e.what()));
  }
}

namespace {

// The declared schema as few, cheap statements: foreign keys inline in CREATE TABLE where the
// referenced table already exists (no separate validation pass), and no comments (plain text
// needs no canonical form; they are copied from the model afterwards).
std::string canonicalisation_script(const schema::Schema& declared) {
  std::vector<std::string> statements;
  statements.reserve(declared.functions.size() + (declared.tables.size() * 4));
  std::set<std::string, std::less<>> created;
  std::vector<std::string> deferred;
  for (const auto& function : declared.functions) {
    statements.push_back(ddl::create_function(function));
  }
  for (const auto& table : declared.tables) {
    created.insert(table.name);
    auto sql = ddl::create_table(table);
    std::string inline_keys;
    for (const auto& fk : table.foreign_keys) {
      if (created.contains(fk.ref_table)) {
        inline_keys +=
            fmt::format(",\n  CONSTRAINT {} {}", ddl::ident(fk.name), ddl::foreign_key_clause(fk));
      } else {
        deferred.push_back(ddl::add_foreign_key(table.name, fk, false));
      }
    }
    sql.insert(sql.size() - 2, inline_keys);
    statements.push_back(std::move(sql));
  }
  statements.insert(statements.end(), deferred.begin(), deferred.end());
  for (const auto& table : declared.tables) {
    for (const auto& index : table.indexes) {
      statements.push_back(ddl::create_index(table.name, index, false));
    }
    for (const auto& trigger : table.triggers) {
      statements.push_back(ddl::create_trigger(table.name, trigger));
    }
  }
  return "BEGIN;\n" + ddl::join_statements(statements) + "COMMIT;";
}

void copy_comments(const schema::Schema& declared, Catalog& catalog) {
  for (auto& table : catalog.schema.tables) {
    const auto found = std::ranges::find_if(
        declared.tables, [&](const schema::Table& t) { return t.name == table.name; });
    if (found == declared.tables.end()) {
      continue;
    }
    table.comment = found->comment;
    for (auto& column : table.columns) {
      for (const auto& declared_column : found->columns) {
        if (declared_column.name == column.name) {
          column.comment = declared_column.comment;
        }
      }
    }
  }
}

}  // namespace

Catalog canonical_catalog(const std::string& conninfo, const schema::Schema& declared) {
  const auto script = canonicalisation_script(declared);
  const auto cache_dir = catalog_cache_dir();
  std::string key;
  std::optional<Catalog> catalog;
  if (cache_dir) {
    db::Connection probe(conninfo);
    key = catalog_cache_key(script, probe.server_version());
    catalog = load_cached_catalog(*cache_dir, key);
  }
  if (!catalog) {
    ScratchDatabase scratch(conninfo);
    db::Connection connection(scratch.url());
    try {
      connection.exec(script);
    } catch (const db::DbError& e) {
      throw core::Error(core::ErrorCode::kInternal,
                        fmt::format("the declared schema does not apply to PostgreSQL: {} ({})",
                                    e.what(), e.sqlstate()));
    }
    catalog = introspect(connection);
    if (cache_dir) {
      store_cached_catalog(*cache_dir, key, *catalog);
    }
  }
  // Comments need no canonical form and are not part of the script (nor of the cache key).
  copy_comments(declared, *catalog);
  catalog->declared = declared;
  return std::move(*catalog);
}

Diff diff_live_to_declared(const std::string& conninfo, const schema::Schema& declared,
                           const std::string& scratch_conninfo) {
  // The live side is read while the scratch database is being built.
  Catalog live;
  std::exception_ptr live_error;
  std::thread reader([&] {
    try {
      db::Connection connection(conninfo);
      live = introspect(connection);
    } catch (...) {
      live_error = std::current_exception();
    }
  });
  std::optional<Catalog> target;
  std::exception_ptr target_error;
  try {
    target = canonical_catalog(scratch_conninfo.empty() ? conninfo : scratch_conninfo, declared);
  } catch (...) {
    target_error = std::current_exception();
  }
  reader.join();
  if (live_error) {
    std::rethrow_exception(live_error);
  }
  if (target_error) {
    std::rethrow_exception(target_error);
  }
  return diff(live, *target);
}

}  // namespace qgp::migrate
