#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/audit/audit_query_store.hpp"

namespace qgp::domain::audit {

struct ChainBreak {
  std::int64_t row_id = 0;
  std::string reason;
};

// Walks the chain row by row (in id order) and stops believing at the first row whose links or
// hash do not hold: an edited row fails its own hash, a deleted or inserted row breaks the next
// prev_hash link, reordered rows break both.
class ChainVerifier {
 public:
  // Returns false once the chain is broken (later rows are not judged).
  bool feed(const store::audit::ChainRow& row);

  [[nodiscard]] std::int64_t rows() const noexcept { return rows_; }
  [[nodiscard]] const std::string& head_hash() const noexcept { return previous_hash_; }
  [[nodiscard]] const std::optional<ChainBreak>& first_break() const noexcept { return break_; }

 private:
  std::int64_t rows_ = 0;
  std::string previous_hash_;
  std::optional<ChainBreak> break_;
};

}  // namespace qgp::domain::audit
