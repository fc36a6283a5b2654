#pragma once

// Controls of a standard (the ISO/IEC 27001:2022 Annex A controls, or an organisation's own),
// declared once (ADR-0010).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "model/standards/clause.hpp"
#include "model/standards/standard.hpp"

namespace qgp::model::standards {

QGP_KIT_ENUM(ControlTheme, kOrganizational, kPeople, kPhysical, kTechnological)

inline constexpr std::string_view kControlNumber = "k.control_number";
inline constexpr std::string_view kControlNumberOrder = kNaturalOrder<kControlNumber>;
// The number of the clause a control hangs under, for display.
inline constexpr std::string_view kControlClauseNumber =
    "(SELECT pc.clause_number FROM clauses pc WHERE pc.id = k.clause_id)";

struct Control : kit::Record {
  std::int64_t standard_id = 0;
  std::optional<std::int64_t> clause_id;
  std::optional<std::string> clause_number;
  std::string control_number;
  std::string title;
  std::optional<std::string> description;
  std::optional<std::string> guidance;
  std::optional<ControlTheme> theme;
  bool is_active = true;
  std::optional<kit::Timestamp> archived_at;
  std::optional<std::int64_t> archived_by_id;
};

constexpr auto describe(kit::Tag<Control> /*unused*/) {
  using kit::field;
  using K = Control;
  return kit::record_resource<K>(
             {.name = "Control",
              .noun = "control",
              .entity = "control",
              .table = "controls",
              .alias = "k",
              .order = kControlNumberOrder,
              .path = "/api/v1/controls"},
             field("standard_id", &K::standard_id)
                 .server()
                 .references("standards", kit::OnDelete::kCascade),
             field("clause_id", &K::clause_id)
                 .filter()
                 .describe("Clause of the same standard the control hangs under, if any"),
             field("clause_number", &K::clause_number)
                 .expression(kControlClauseNumber)
                 .describe("The number of clause_id"),
             field("control_number", &K::control_number)
                 .text(1, 20)
                 .trimmed()
                 .matching(kDottedNumber, "dotted letters and digits, e.g. A.5.1")
                 .sort_on(kControlNumberOrder)
                 .search()
                 .describe("e.g. A.5.1"),
             field("title", &K::title).text(1, 300).trimmed().sort().search(),
             field("description", &K::description).text(1, kLongText).trimmed(),
             field("guidance", &K::guidance).text(1, kLongText).trimmed(),
             field("theme", &K::theme).filter().sort().describe("ISO/IEC 27001:2022 Annex A theme"),
             field("is_active", &K::is_active).defaulted().filter(),
             field("archived_at", &K::archived_at).server(),
             field("archived_by_id", &K::archived_by_id).server().user())
      .with_filters(kit::Filter{.name = "include_archived",
                                .kind = kit::FilterKind::kWidens,
                                .sql = "k.archived_at IS NULL",
                                .doc = "true: archived controls too"});
}

}  // namespace qgp::model::standards
