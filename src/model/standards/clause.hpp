#pragma once

// Clauses of a standard (a tree: parent, level, sort order) and the cross-standard mappings between
// them, declared once (ADR-0010).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "model/standards/standard.hpp"

namespace qgp::model::standards {

inline constexpr int kMaxClauseLevel = 10;

// Clause and control numbers: dotted letters and digits ("7.5.1", "A.5.37").
inline constexpr std::string_view kDottedNumber = "^[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*$";

inline constexpr std::string_view kClauseNumber = "c.clause_number";
inline constexpr std::string_view kClauseNumberOrder = kNaturalOrder<kClauseNumber>;
inline constexpr std::string_view kSiblingsFirst = "c.sort_order, ";
inline constexpr std::string_view kStandardFirst = "s.code, ";

struct Clause : kit::Record {
  std::int64_t standard_id = 0;
  std::optional<std::int64_t> parent_clause_id;
  std::string clause_number;
  std::string title;
  std::optional<std::string> description;
  std::int16_t level = 1;
  int sort_order = 0;
  bool is_active = true;
  std::optional<kit::Timestamp> archived_at;
  std::optional<std::int64_t> archived_by_id;
};

inline constexpr kit::Meta kClauseRows{.name = "Clause",
                                       .noun = "clause",
                                       .entity = "clause",
                                       .table = "clauses",
                                       .alias = "c",
                                       .order = Joined<kSiblingsFirst, kClauseNumberOrder>::kView,
                                       .path = "/api/v1/clauses"};

constexpr auto describe(kit::Tag<Clause> /*unused*/) {
  using kit::field;
  using C = Clause;
  return kit::record_resource<C>(
             kClauseRows,
             field("standard_id", &C::standard_id)
                 .server()
                 .references("standards", kit::OnDelete::kCascade),
             field("parent_clause_id", &C::parent_clause_id)
                 .filter()
                 .describe("Parent clause in the same standard; NULL for top-level clauses"),
             field("clause_number", &C::clause_number)
                 .text(1, 20)
                 .trimmed()
                 .matching(kDottedNumber, "dotted letters and digits, e.g. 7.5.1")
                 .sort_on(kClauseNumberOrder)
                 .search()
                 .describe("Dotted number, e.g. 7.5.1"),
             field("title", &C::title).text(1, 300).trimmed().sort().search(),
             field("description", &C::description).text(1, kLongText).trimmed(),
             field("level", &C::level)
                 .server()
                 .range(1, kMaxClauseLevel)
                 .filter()
                 .sort()
                 .db_default()
                 .describe("Depth in the tree; 1 for top-level clauses"),
             field("sort_order", &C::sort_order)
                 .range(-1'000'000, 1'000'000)
                 .defaulted()
                 .sort()
                 .db_default(),
             field("is_active", &C::is_active).defaulted().filter(),
             field("archived_at", &C::archived_at).server(),
             field("archived_by_id", &C::archived_by_id).server().user())
      .with_filters(kit::Filter{.name = "top_level",
                                .kind = kit::FilterKind::kFlag,
                                .sql = "c.parent_clause_id IS NULL",
                                .doc = "true: only top-level clauses"},
                    kit::Filter{.name = "include_archived",
                                .kind = kit::FilterKind::kWidens,
                                .sql = "c.archived_at IS NULL",
                                .doc = "true: archived clauses too"});
}

QGP_KIT_ENUM(MappingType, kEquivalent, kPartial, kRelated)

// Two clauses of different standards that cover the same requirement (the integrated view).
struct ClauseMapping : kit::Record {
  std::int64_t clause_a_id = 0;
  std::int64_t clause_b_id = 0;
  MappingType mapping_type = MappingType::kEquivalent;
  std::optional<std::string> notes;
};

constexpr auto describe(kit::Tag<ClauseMapping> /*unused*/) {
  using kit::field;
  using M = ClauseMapping;
  return kit::record_resource<M>({.name = "ClauseMapping",
                                  .noun = "clause mapping",
                                  .entity = "clause_mapping",
                                  .table = "clause_mappings",
                                  .alias = "m",
                                  .path = "/api/v1/clause-mappings"},
                                 field("clause_a_id", &M::clause_a_id)
                                     .create_only()
                                     .references("clauses", kit::OnDelete::kCascade)
                                     .describe("The lower clause id of the pair"),
                                 field("clause_b_id", &M::clause_b_id)
                                     .create_only()
                                     .references("clauses", kit::OnDelete::kCascade)
                                     .describe("The higher clause id of the pair"),
                                 field("mapping_type", &M::mapping_type).defaulted().db_default(),
                                 field("notes", &M::notes).text(1, 2000).trimmed());
}

// A mapping seen from one of its clauses: the clause on the other side, with its standard.
struct MappedClause {
  std::int64_t mapping_id = 0;
  MappingType mapping_type{};
  std::optional<std::string> notes;
  std::int64_t standard_id = 0;
  std::string standard_code;
  Clause clause;
};

// The clause seen from is $1: the store binds it before any other parameter.
inline constexpr kit::Meta kMappedClauseRows{
    .name = "MappedClause",
    .table = "clause_mappings",
    .alias = "m",
    .joins =
        "JOIN clauses c ON c.id = CASE WHEN m.clause_a_id = $1 THEN m.clause_b_id ELSE "
        "m.clause_a_id END JOIN standards s ON s.id = c.standard_id",
    .where = "(m.clause_a_id = $1 OR m.clause_b_id = $1) AND c.archived_at IS NULL",
    .order = Joined<kStandardFirst, kClauseNumberOrder>::kView};

constexpr auto describe(kit::Tag<MappedClause> /*unused*/) {
  using kit::field;
  using M = MappedClause;
  return kit::resource<M>(
             kMappedClauseRows, field("mapping_id", &M::mapping_id).expression("m.id"),
             field("mapping_type", &M::mapping_type).expression("m.mapping_type").sort(),
             field("notes", &M::notes).expression("m.notes"),
             field("standard_id", &M::standard_id).expression("c.standard_id"),
             field("standard_code", &M::standard_code).expression("s.code").sort(),
             field("clause", &M::clause)
                 .computed()
                 .describe("The clause on the other side of the mapping"))
      .with_filters(kit::Filter{.name = "clause_number",
                                .kind = kit::FilterKind::kSortKey,
                                .sql = kClauseNumberOrder,
                                .doc = "the mapped clause's number, in natural order"});
}

}  // namespace qgp::model::standards
