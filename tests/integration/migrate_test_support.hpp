#pragma once

// What the migration engine's integration tests share: a temporary folder of revision files, quiet
// migrator options, and small helpers.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include <unistd.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "migrate/graph.hpp"
#include "migrate/revision.hpp"
#include "migrate/runner.hpp"

namespace qgp::migrate::test {

inline std::atomic<int> g_dir_counter{0};

// A unique path under the test temp dir.
inline std::filesystem::path temp_path(std::string_view what) {
  return std::filesystem::path(::testing::TempDir())
         / fmt::format("qgp_migrate_{}_{}_{}", ::getpid(), g_dir_counter.fetch_add(1), what);
}

// A folder of revision files, removed with the object.
class RevisionDir {
 public:
  RevisionDir() : path_(temp_path("revisions")) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  RevisionDir(const RevisionDir&) = delete;
  RevisionDir& operator=(const RevisionDir&) = delete;
  RevisionDir(RevisionDir&&) = delete;
  RevisionDir& operator=(RevisionDir&&) = delete;
  ~RevisionDir() { std::filesystem::remove_all(path_); }

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::string str() const { return path_.string(); }

  // Writes revision `id` in file 20260101_00000N_<id>_r.sql and returns the file name. The
  // header takes 5 lines: the upgrade section starts on line 6.
  std::string add(int n, const std::string& id, const std::string& parents,
                  const std::string& upgrade, const std::string& downgrade,
                  bool transactional = true) const {
    const auto name = fmt::format("20260101_{:06}_{}_r.sql", n, id);
    write(name, fmt::format("-- revision: {}\n-- down_revision: {}\n-- message: revision {}\n-- "
                            "transactional: {}\n-- +upgrade\n{}-- +downgrade\n{}",
                            id, parents.empty() ? "(none)" : parents, id,
                            transactional ? "true" : "false", upgrade, downgrade));
    return name;
  }

  void write(const std::string& name, const std::string& content) const {
    std::ofstream out(path_ / name, std::ios::binary);
    out << content;
  }

  [[nodiscard]] RevisionGraph graph() const {
    return RevisionGraph(load_directory_revisions(path_));
  }

 private:
  std::filesystem::path path_;
};

inline MigratorOptions quiet(std::vector<std::string>* lines = nullptr) {
  MigratorOptions options;
  options.lock_timeout = std::chrono::milliseconds(2000);
  options.advisory_wait = std::chrono::milliseconds(5000);
  if (lines != nullptr) {
    options.progress = [lines](const std::string& line) { lines->push_back(line); };
  }
  return options;
}

inline std::int64_t count(db::Connection& conn, const std::string& sql) {
  return conn.exec(sql).int64(0, 0);
}

inline bool table_exists(db::Connection& conn, const std::string& name) {
  return conn.exec(fmt::format("SELECT to_regclass('public.{}') IS NOT NULL", name)).boolean(0, 0);
}

// The message of what `fn` throws ("no error" when it does not).
inline std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace qgp::migrate::test
