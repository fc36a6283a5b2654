#include "domain/audit/chain_verifier.hpp"

#include <fmt/format.h>

#include "store/audit/audit_hash.hpp"

namespace qgp::domain::audit {

bool ChainVerifier::feed(const store::audit::ChainRow& row) {
  if (break_) {
    return false;
  }
  const bool first = rows_ == 0;
  if (first && row.prev_hash) {
    break_ =
        ChainBreak{.row_id = row.id,
                   .reason = "the first row links to a predecessor: earlier rows were removed"};
  } else if (!first && row.prev_hash != previous_hash_) {
    break_ = ChainBreak{
        .row_id = row.id,
        .reason = fmt::format("prev_hash does not match the hash of the row before it: a row "
                              "was removed, inserted or reordered just before id {}",
                              row.id)};
  } else if (store::audit::chain_hash(row.prev_hash.value_or(""), row.hashed) != row.hash) {
    break_ = ChainBreak{.row_id = row.id,
                        .reason = "the row's content does not match its hash: it was modified"};
  }
  if (break_) {
    return false;
  }
  ++rows_;
  previous_hash_ = row.hash;
  return true;
}

}  // namespace qgp::domain::audit
