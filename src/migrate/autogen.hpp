#pragma once

#include <string>
#include <string_view>

#include "migrate/catalog.hpp"
#include "migrate/diff.hpp"
#include "schema/model.hpp"

namespace qgp::migrate {

// A database of its own on the server of `conninfo`, created from template0 and dropped WITH
// (FORCE) when it goes out of scope. The connecting role needs CREATEDB.
class ScratchDatabase {
 public:
  explicit ScratchDatabase(std::string conninfo);
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;
  ScratchDatabase(ScratchDatabase&&) = delete;
  ScratchDatabase& operator=(ScratchDatabase&&) = delete;
  ~ScratchDatabase();

  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] const std::string& url() const noexcept { return url_; }

 private:
  std::string admin_conninfo_;
  std::string name_;
  std::string url_;
};

// The declared schema in PostgreSQL's canonical form (Atlas' dev-database approach): applied to a
// scratch database on the server of `conninfo`, then introspected. The result is cached per
// (DDL, server version) in catalog_cache_dir() (migrate/catalog_cache.hpp).
Catalog canonical_catalog(const std::string& conninfo, const schema::Schema& declared);

// live database -> declared schema: the upgrade that brings the database to the declared schema
// and the downgrade that reverses it. The scratch database is created on the server of
// `scratch_conninfo` (default: the live server; its role needs CREATEDB).
Diff diff_live_to_declared(const std::string& conninfo, const schema::Schema& declared,
                           const std::string& scratch_conninfo = {});

}  // namespace qgp::migrate
