#include "db/conninfo.hpp"

#include <memory>

#include <libpq-fe.h>

#include "core/errors.hpp"

namespace qgp::db {

namespace {

struct OptionsDeleter {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};
using Options = std::unique_ptr<PQconninfoOption, OptionsDeleter>;

Options parse(std::string_view conninfo) {
  char* error = nullptr;
  Options options(PQconninfoParse(std::string(conninfo).c_str(), &error));
  if (error != nullptr) {
    PQfreemem(error);  // may quote the string (and a password): never shown
  }
  if (!options) {
    throw core::Error(core::ErrorCode::kBadRequest, "invalid PostgreSQL connection string");
  }
  return options;
}

// Quotes a value for the key=value form: single quotes, with \ and ' escaped.
std::string quote(std::string_view value) {
  std::string out = "'";
  for (const char c : value) {
    if (c == '\\' || c == '\'') {
      out += '\\';
    }
    out += c;
  }
  out += '\'';
  return out;
}

}  // namespace

std::string with_database(std::string_view conninfo, std::string_view database) {
  const auto options = parse(conninfo);
  std::string out;
  for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
    const std::string_view keyword(option->keyword);
    if (keyword == "dbname" || option->val == nullptr || *option->val == '\0') {
      continue;
    }
    out += std::string(keyword) + "=" + quote(option->val) + " ";
  }
  out += "dbname=" + quote(database);
  return out;
}

std::string database_of(std::string_view conninfo) {
  const auto options = parse(conninfo);
  for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
    if (std::string_view(option->keyword) == "dbname" && option->val != nullptr) {
      return option->val;
    }
  }
  return {};
}

}  // namespace qgp::db
