#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit/chain_verifier.hpp"
#include "domain/audit/checkpoint_signing.hpp"
#include "store/audit/audit_seal_store.hpp"

namespace qgp::db {
class Connection;
}

// `qgp audit verify` (docs/adr/0003-audit-trail.md): proves the sealed history and reports what is
// not sealed yet.
namespace qgp::domain::audit {

// A link recorded outside the database (a logged checkpoint, a ticket): the chain must still
// have `hash` at `position`, so a rollback of the tail to before it is found.
struct Anchor {
  std::int64_t position = 0;
  std::string hash;
};
// "POSITION:HASH"; nullopt when malformed.
std::optional<Anchor> parse_anchor(std::string_view text);

struct VerifyOptions {
  std::vector<PublicKey> keys;  // empty: signatures are counted, not checked
  std::chrono::seconds unsealed_bound{60};
  std::vector<Anchor> anchors;
  std::function<void(std::int64_t rows)> progress;  // every 100,000 links
};

struct HistoryReport {
  std::int64_t rows = 0;  // links verified up to the first break
  std::string head_hash;  // of the last verified link
  std::optional<ChainBreak> chain_break;
  std::vector<std::string> problems;  // checkpoints, anchors, links without rows, overdue rows
  std::int64_t checkpoints = 0;
  std::int64_t signed_checkpoints = 0;
  std::int64_t unsigned_checkpoints = 0;
  bool signatures_checked = false;
  store::audit::UnsealedRows unsealed;

  [[nodiscard]] bool intact() const { return !chain_break && problems.empty(); }
};

// Three passes, each streaming in keyset batches (flat memory): the links in position order with
// their rows (ChainVerifier), the checkpoints (contiguous coverage, head hash still in the chain,
// signatures by one of `keys`; once one is signed every later one must be), and the rows without
// a link (overdue when older than `unsealed_bound`).
HistoryReport verify_history(db::Connection& connection, const VerifyOptions& options);

}  // namespace qgp::domain::audit
