#include "domain/audit/history_verifier.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "store/audit/audit_query_store.hpp"

namespace qgp::domain::audit {

namespace seal_store = store::audit;

namespace {

constexpr std::int64_t kProgressEvery = 100000;

bool is_hex_sha256(std::string_view text) {
  return text.size() == 64 && std::ranges::all_of(text, [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// The chain pass: every link with its row, in position order, up to the first break; then the
// links at the tail whose rows are gone (no later link's prev_hash can tell).
void verify_links(db::Connection& connection, const VerifyOptions& options, HistoryReport& report) {
  ChainVerifier verifier;
  std::int64_t last_position = 0;
  seal_store::scan_chain(connection, [&](const seal_store::ChainRow& row) {
    const bool intact = verifier.feed(row);
    if (intact) {
      last_position = row.position;
      if (options.progress && verifier.rows() % kProgressEvery == 0) {
        options.progress(verifier.rows());
      }
    }
    return intact;
  });
  report.rows = verifier.rows();
  report.head_hash = verifier.head_hash();
  report.chain_break = verifier.first_break();
  if (report.chain_break) {
    return;
  }
  if (const auto missing = seal_store::link_at(connection, last_position + 1, true)) {
    report.chain_break =
        ChainBreak{.row_id = missing->audit_log_id,
                   .reason = fmt::format("the row sealed at position {} was removed from audit_log",
                                         missing->position)};
  }
}

void check_signature(const seal_store::Checkpoint& checkpoint, const VerifyOptions& options,
                     HistoryReport& report) {
  if (!checkpoint.signature) {
    ++report.unsigned_checkpoints;
    if (report.signatures_checked && report.signed_checkpoints > 0) {
      report.problems.push_back(fmt::format(
          "checkpoint {} (position {}) is unsigned although earlier ones are signed: the chain "
          "after position {} was rewritten",
          checkpoint.id, checkpoint.position, checkpoint.position - checkpoint.rows_sealed));
    }
    return;
  }
  ++report.signed_checkpoints;
  if (!report.signatures_checked) {
    return;
  }
  const auto key = std::ranges::find_if(options.keys, [&](const PublicKey& candidate) {
    return key_id_of(candidate) == checkpoint.key_id;
  });
  if (key == options.keys.end()) {
    report.problems.push_back(
        fmt::format("checkpoint {} (position {}) is signed by key {}, "
                    "which is not among the verification keys",
                    checkpoint.id, checkpoint.position, checkpoint.key_id.value_or("?")));
    return;
  }
  const auto text = checkpoint_text(checkpoint.position, checkpoint.head_hash,
                                    checkpoint.rows_sealed, checkpoint.sealed_at);
  if (!signature_valid(*key, text, *checkpoint.signature)) {
    report.problems.push_back(
        fmt::format("checkpoint {} (position {}): the signature does not match its contents",
                    checkpoint.id, checkpoint.position));
  }
}

// The checkpoint pass: together they cover positions 1..tail without gaps or overlaps, each still
// finds its head hash in the chain, and the signatures hold.
void verify_checkpoints(db::Connection& connection, const VerifyOptions& options,
                        std::int64_t tail_position, HistoryReport& report) {
  report.signatures_checked = !options.keys.empty();
  std::int64_t covered = 0;
  seal_store::scan_checkpoints(connection, [&](const seal_store::Checkpoint& checkpoint) {
    ++report.checkpoints;
    if (checkpoint.position - checkpoint.rows_sealed != covered) {
      report.problems.push_back(fmt::format(
          "checkpoint {} covers positions {}..{} but the one before it ends at {}: a checkpoint "
          "was removed or links were added outside the sealer",
          checkpoint.id, checkpoint.position - checkpoint.rows_sealed + 1, checkpoint.position,
          covered));
    }
    covered = checkpoint.position;
    if (!checkpoint.link_hash) {
      report.problems.push_back(fmt::format("checkpoint {}: the link at position {} is missing",
                                            checkpoint.id, checkpoint.position));
    } else if (*checkpoint.link_hash != checkpoint.head_hash) {
      report.problems.push_back(fmt::format(
          "checkpoint {}: the link at position {} no longer has the checkpoint's hash: the chain "
          "was rewritten",
          checkpoint.id, checkpoint.position));
    }
    check_signature(checkpoint, options, report);
    return true;
  });
  if (covered != tail_position) {
    report.problems.push_back(fmt::format(
        "the chain ends at position {} but its checkpoints at {}: links were {} outside the sealer",
        tail_position, covered, covered < tail_position ? "added" : "removed"));
  }
  if (report.signatures_checked && tail_position > 0 && report.signed_checkpoints == 0) {
    report.problems.emplace_back("no checkpoint is signed: the verification keys prove nothing");
  }
}

void verify_anchors(db::Connection& connection, const VerifyOptions& options,
                    HistoryReport& report) {
  for (const auto& anchor : options.anchors) {
    const auto link = seal_store::link_at(connection, anchor.position);
    if (!link) {
      report.problems.push_back(fmt::format(
          "anchor {}: the chain has no link at that position: it was cut back", anchor.position));
    } else if (link->hash != anchor.hash) {
      report.problems.push_back(fmt::format(
          "anchor {}: the link there has another hash: the chain was rewritten", anchor.position));
    }
  }
}

}  // namespace

std::optional<Anchor> parse_anchor(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  Anchor anchor;
  const auto digits = text.substr(0, colon);
  const auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), anchor.position);
  if (error != std::errc() || end != digits.data() + digits.size() || anchor.position < 1) {
    return std::nullopt;
  }
  anchor.hash = std::string(text.substr(colon + 1));
  if (!is_hex_sha256(anchor.hash)) {
    return std::nullopt;
  }
  return anchor;
}

HistoryReport verify_history(db::Connection& connection, const VerifyOptions& options) {
  // One snapshot for every pass: a sealer committing meanwhile cannot make the passes disagree.
  db::Transaction snapshot(connection, db::Isolation::kRepeatableRead, true);
  HistoryReport report;
  const auto tail = seal_store::chain_tail(connection);
  verify_links(connection, options, report);
  verify_checkpoints(connection, options, tail.position, report);
  verify_anchors(connection, options, report);
  report.unsealed = seal_store::unsealed_rows(connection, options.unsealed_bound);
  if (report.unsealed.overdue > 0) {
    report.problems.push_back(fmt::format(
        "{} rows left unsealed longer than {} s (oldest: id {}, occurred at {})",
        report.unsealed.overdue, options.unsealed_bound.count(),
        report.unsealed.oldest_id.value_or(0), report.unsealed.oldest_occurred_at.value_or("?")));
  }
  return report;
}

}  // namespace qgp::domain::audit
