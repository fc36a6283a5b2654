#include "api/standards/csv.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "api/kit/csv.hpp"
#include "model/standards/soa.hpp"

namespace qgp::api::standards {

namespace {

// The exported fields of a line, in column order (names of SoaLine's declared fields).
constexpr std::array<std::string_view, 10> kColumns = {
    "control_number",        "title",    "theme", "clause_number", "is_applicable", "justification",
    "implementation_status", "owner_id", "notes", "reviewed_at"};

// Each declared field is known by name at compile time: that the columns name fields is checked.
static_assert(kit::csv_columns_exist<model::standards::SoaLine>(kColumns),
              "every CSV column is a field of SoaLine");

}  // namespace

std::string soa_csv(const std::vector<model::standards::SoaLine>& lines) {
  return kit::csv_table<model::standards::SoaLine>(lines, kColumns);
}

}  // namespace qgp::api::standards
