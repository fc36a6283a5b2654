#pragma once

// The ISO/IEC 27001 Statement of Applicability, declared once (ADR-0010): the entry recorded per
// control, the body of PUT /controls/{id}/soa that records it, and the line of the SoA report (a
// control with its entry, or the defaults of one not assessed yet). The assessor's decision is
// written once (soa_decision_fields) and shared by all three.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "model/standards/control.hpp"
#include "model/standards/standard.hpp"

namespace qgp::model::standards {

// In workflow order; not_applicable is the status of exactly the excluded controls.
QGP_KIT_ENUM(ImplementationStatus, kNotImplemented, kPlanned, kPartiallyImplemented, kImplemented,
             kNotApplicable)

// What an assessor decides about a control.
struct SoaDecision {
  bool is_applicable = true;
  std::optional<std::string> justification;
  std::optional<std::int64_t> owner_id;
  std::optional<std::string> notes;
};

// The decision's fields on S (an entry, the PUT body or a report line), in this order:
// is_applicable, justification, implementation_status, owner_id, notes.
template <class S>
constexpr auto soa_decision_fields() {
  using kit::field;
  return std::tuple{field("is_applicable", &S::is_applicable),
                    field("justification", &S::justification)
                        .text(1, 4000)
                        .trimmed()
                        .describe("Why the control is included or excluded"),
                    field("implementation_status", &S::implementation_status),
                    field("owner_id", &S::owner_id).user(),
                    field("notes", &S::notes).text(1, kLongText).trimmed()};
}

// The entry recorded for a control (one at most).
struct SoaEntry : kit::Record, SoaDecision {
  std::int64_t control_id = 0;
  ImplementationStatus implementation_status = ImplementationStatus::kNotImplemented;
  std::optional<kit::Timestamp> reviewed_at;
  std::optional<std::int64_t> reviewed_by_id;
};

constexpr auto describe(kit::Tag<SoaEntry> /*unused*/) {
  using kit::field;
  using E = SoaEntry;
  const auto decision = soa_decision_fields<E>();
  return kit::record_resource<E>(
      {.name = "SoaEntry",
       .noun = "SoA entry",
       .entity = "soa_entry",
       .table = "soa_entries",
       .alias = "e",
       .path = "/api/v1/soa-entries"},
      field("control_id", &E::control_id).server().references("controls", kit::OnDelete::kCascade),
      std::get<0>(decision).defaulted(), std::get<1>(decision),
      std::get<2>(decision).defaulted().db_default(), std::get<3>(decision), std::get<4>(decision),
      field("reviewed_at", &E::reviewed_at).server().not_audited(),
      field("reviewed_by_id", &E::reviewed_by_id).server().user().not_audited());
}

// PUT /controls/{id}/soa: the whole decision (absent text and owner: none).
struct SoaAssessment : SoaDecision {
  std::optional<ImplementationStatus> implementation_status;
  std::optional<std::int64_t> version;
};

constexpr auto describe(kit::Tag<SoaAssessment> /*unused*/) {
  using kit::field;
  using A = SoaAssessment;
  const auto decision = soa_decision_fields<A>();
  return kit::resource<A>(
      {.name = "SoaAssessment"}, std::get<0>(decision), std::get<1>(decision),
      std::get<2>(decision).describe(
          "Absent or null: not_applicable for an excluded control, else the entry's current "
          "status (not_implemented at first)"),
      std::get<3>(decision), std::get<4>(decision),
      field("version", &A::version)
          .range(0, std::numeric_limits<std::int32_t>::max())
          .describe("The entry's version you read (0: it has none yet); absent: no check"));
}

// A line of the Statement of Applicability: a control not archived, with its entry or, when it has
// none yet, the defaults a first entry gets (entry_id null, version 0).
struct SoaLine : SoaDecision {
  std::int64_t control_id = 0;
  std::int64_t standard_id = 0;
  std::string control_number;
  std::string title;
  std::optional<ControlTheme> theme;
  std::optional<std::int64_t> clause_id;
  std::optional<std::string> clause_number;
  std::optional<std::int64_t> entry_id;
  ImplementationStatus implementation_status = ImplementationStatus::kNotImplemented;
  std::optional<kit::Timestamp> reviewed_at;
  std::optional<std::int64_t> reviewed_by_id;
  std::int64_t version = 0;
};

constexpr auto describe(kit::Tag<SoaLine> /*unused*/) {
  using kit::field;
  using L = SoaLine;
  const auto decision = soa_decision_fields<L>();
  return kit::resource<L>(
             {.name = "SoaLine",
              .table = "controls",
              .alias = "k",
              .joins = "LEFT JOIN soa_entries e ON e.control_id = k.id",
              .where = "k.archived_at IS NULL",
              .order = kControlNumberOrder},
             field("control_id", &L::control_id).server().column("id"),
             field("standard_id", &L::standard_id).server(),
             field("control_number", &L::control_number)
                 .server()
                 .sort_on(kControlNumberOrder)
                 .search(),
             field("title", &L::title).server().sort().search(),
             field("theme", &L::theme).server().filter().sort(),
             field("clause_id", &L::clause_id).server(),
             field("clause_number", &L::clause_number).expression(kControlClauseNumber),
             field("entry_id", &L::entry_id)
                 .expression("e.id")
                 .describe("The control's entry; null: not assessed yet"),
             std::get<0>(decision).expression("COALESCE(e.is_applicable, true)").filter().sort(),
             std::get<1>(decision).expression("e.justification"),
             std::get<2>(decision)
                 .expression("COALESCE(e.implementation_status, 'not_implemented')")
                 .filter()
                 .sort(),
             std::get<3>(decision).expression("e.owner_id"),
             std::get<4>(decision).expression("e.notes"),
             field("reviewed_at", &L::reviewed_at).expression("e.reviewed_at"),
             field("reviewed_by_id", &L::reviewed_by_id).expression("e.reviewed_by_id"),
             field("version", &L::version)
                 .expression("COALESCE(e.version, 0)")
                 .describe("The entry's version; 0: not assessed yet"))
      .with_filters(kit::Filter{.name = "updated_at",
                                .kind = kit::FilterKind::kSortKey,
                                .sql = "e.updated_at",
                                .doc = "when the entry was last recorded"});
}

}  // namespace qgp::model::standards
