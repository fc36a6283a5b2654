#pragma once

// The standards library, declared once (ADR-0010): a standard (ISO 9001, ISO/IEC 27001, ...) as
// the API renders it, its create and PATCH bodies, its list parameters, its audit change set and
// its stored columns all come from here. Clauses, controls and the Statement of Applicability are
// in the headers beside this one.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "kit/field.hpp"
#include "kit/values.hpp"

namespace qgp::model::standards {

// Free text of the library (descriptions, guidance, notes): a bound for the API, none in the
// database.
inline constexpr std::int64_t kLongText = 20000;

// String constants joined at compile time: SQL written once and reused by several declarations.
template <const std::string_view&... kParts>
struct Joined {
  static constexpr std::size_t kSize = (kParts.size() + ...);
  static constexpr std::array<char, kSize> kChars = [] {
    std::array<char, kSize> out{};
    std::size_t at = 0;
    for (const std::string_view part : {kParts...}) {
      for (const char c : part) {
        out.at(at++) = c;
      }
    }
    return out;
  }();
  static constexpr std::string_view kView{kChars.data(), kSize};
};

// Dotted numbers in natural order ("A.5.10" after "A.5.9"): digit segments left-padded, other
// segments after every number ("A.5" after "10"). kNaturalOrder<kColumn> is the sort key of a
// column holding such numbers.
inline constexpr std::string_view kNaturalHead =
    "(SELECT array_agg(CASE WHEN part ~ '^[0-9]+$' THEN lpad(part, 12, '0') ELSE '~' || part END "
    "ORDER BY ord) FROM unnest(string_to_array(";
inline constexpr std::string_view kNaturalTail = ", '.')) WITH ORDINALITY AS parts(part, ord))";
template <const std::string_view& kColumn>
inline constexpr std::string_view kNaturalOrder =
    Joined<kNaturalHead, kColumn, kNaturalTail>::kView;

// A resource of R declared over a tuple of fields (a view that extends a record's fields).
template <class R, class Fields>
constexpr auto resource_of(const kit::Meta& meta, const Fields& fields) {
  return std::apply([&](const auto&... f) { return kit::resource<R>(meta, f...); }, fields);
}

struct Standard : kit::Record {
  std::string code;
  std::string name;
  std::string full_name;
  std::string edition;
  std::optional<std::string> description;
  std::optional<kit::Date> effective_date;
  bool is_active = true;
  std::optional<kit::Timestamp> archived_at;
  std::optional<std::int64_t> archived_by_id;
  std::int64_t clause_count = 0;
  std::int64_t control_count = 0;
};

inline constexpr kit::Meta kStandardRows{.name = "Standard",
                                         .noun = "standard",
                                         .entity = "standard",
                                         .table = "standards",
                                         .alias = "s",
                                         .order = "s.code",
                                         .path = "/api/v1/standards"};

constexpr auto describe(kit::Tag<Standard> /*unused*/) {
  using kit::field;
  using S = Standard;
  return kit::record_resource<S>(
             kStandardRows,
             field("code", &S::code)
                 .text(1, 30)
                 .trimmed()
                 .matching("^[A-Za-z0-9][A-Za-z0-9._:-]*$",
                           "a letter or digit, then letters, digits, '.', '_', ':' or '-'")
                 .create_only()
                 .filter()
                 .sort()
                 .search()
                 .describe("Short unique code, e.g. ISO9001"),
             field("name", &S::name).text(1, 200).trimmed().sort().search(),
             field("full_name", &S::full_name).text(1, 500).trimmed().search(),
             field("edition", &S::edition)
                 .text(1, 20)
                 .trimmed()
                 .sort()
                 .describe("Edition year or label, e.g. 2015"),
             field("description", &S::description).text(1, kLongText).trimmed(),
             field("effective_date", &S::effective_date).sort(),
             field("is_active", &S::is_active).defaulted().filter(),
             field("archived_at", &S::archived_at)
                 .server()
                 .describe("Set by archiving: archived records stay readable, frozen"),
             field("archived_by_id", &S::archived_by_id).server().user(),
             field("clause_count", &S::clause_count)
                 .expression("(SELECT count(*) FROM clauses c WHERE c.standard_id = s.id AND "
                             "c.archived_at IS NULL)")
                 .describe("Clauses not archived"),
             field("control_count", &S::control_count)
                 .expression("(SELECT count(*) FROM controls k WHERE k.standard_id = s.id AND "
                             "k.archived_at IS NULL)")
                 .describe("Controls not archived"))
      .with_filters(kit::Filter{.name = "include_archived",
                                .kind = kit::FilterKind::kWidens,
                                .sql = "s.archived_at IS NULL",
                                .doc = "true: archived standards too"});
}

}  // namespace qgp::model::standards
