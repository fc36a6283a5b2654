#pragma once

// The value types a resource field may hold beyond the C++ built-ins, and the audit trail's view of
// a value. Dates, timestamps and decimals travel as PostgreSQL's text so nothing is rounded or
// shifted between the database, the evidence and the API.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace qgp::kit {

// A calendar date, "YYYY-MM-DD".
struct Date {
  std::string iso;
  bool operator==(const Date&) const = default;
};

// An instant, RFC 3339 in UTC with microseconds ("2026-11-25T02:14:07.123456Z"); set by the server.
// kNow asks the database for its transaction time when written.
struct Timestamp {
  std::string text;
  static Timestamp now() { return Timestamp{"now"}; }
  bool operator==(const Timestamp&) const = default;
};

// An exact decimal (numeric column), as its text, e.g. "12.50". The API shows a JSON number.
struct Decimal {
  std::string text;
  bool operator==(const Decimal&) const = default;
};

// The JSON text of a declared type T kept in a jsonb column (a frozen snapshot): the store reads
// and writes it as text, the API renders and documents it as T's declared shape.
template <class T>
struct Json {
  std::string text;
  bool operator==(const Json&) const = default;
};
// A value whose JSON type depends on the row: null (std::monostate), a boolean, a number or a
// string (an answer's `value` is one or the other depending on its question's type). The store
// reads it from text tagged by its first character: 'b' + true/false, 'n' + a number, 's' + a
// string; SQL NULL is null. Text limits of its field apply to its string form.
using Scalar = std::variant<std::monostate, bool, double, std::string>;

// A field value as the audit trail records it.
using Value = std::variant<std::monostate, bool, std::int64_t, Decimal, std::string>;

struct FieldChange {
  std::string field;
  Value before;
  Value after;
};

// Before/after pairs of the fields that changed (a create passes std::monostate as `before`).
class ChangeSet {
 public:
  ChangeSet& track(std::string_view field, Value before, Value after) {
    if (before != after) {
      changes_.push_back(FieldChange{
          .field = std::string(field), .before = std::move(before), .after = std::move(after)});
    }
    return *this;
  }
  ChangeSet& set(std::string_view field, Value after) { return track(field, {}, std::move(after)); }
  ChangeSet& append(ChangeSet other) {
    for (auto& change : other.changes_) {
      changes_.push_back(std::move(change));
    }
    return *this;
  }
  [[nodiscard]] bool empty() const noexcept { return changes_.empty(); }
  [[nodiscard]] std::vector<FieldChange> take() && { return std::move(changes_); }
  [[nodiscard]] const std::vector<FieldChange>& changes() const noexcept { return changes_; }

 private:
  std::vector<FieldChange> changes_;
};

}  // namespace qgp::kit
