#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "db/connection.hpp"
#include "domain/audit/checkpoint_signing.hpp"
#include "domain/audit/history_verifier.hpp"
#include "domain/audit/sealer.hpp"

namespace qgp::cli {

namespace {

struct VerifyFlags {
  std::vector<std::string> anchors;
  std::int64_t max_unsealed_seconds = 0;  // 0: AUDIT_UNSEALED_MAX_SECONDS
};

void print_report(const domain::audit::HistoryReport& report,
                  const domain::audit::VerifyOptions& options, std::chrono::milliseconds elapsed) {
  if (const auto& broken = report.chain_break) {
    std::cout << fmt::format(
        "audit trail BROKEN at row id {}: {}\n{} rows before it verified ({} ms)\n", broken->row_id,
        broken->reason, report.rows, elapsed.count());
  }
  for (const auto& problem : report.problems) {
    std::cout << fmt::format("audit trail BROKEN: {}\n", problem);
  }
  if (report.intact()) {
    // Recording the head hash elsewhere (a ticket, a signed e-mail) anchors the whole chain.
    std::cout << fmt::format("audit trail intact: {} rows, head {} ({} ms)\n", report.rows,
                             report.rows == 0 ? "(empty)" : report.head_hash, elapsed.count());
  }
  std::cout << fmt::format(
      "checkpoints: {} ({} signed, {} unsigned); signatures {}\n", report.checkpoints,
      report.signed_checkpoints, report.unsigned_checkpoints,
      report.signatures_checked ? fmt::format("checked against {} key(s)", options.keys.size())
                                : "not checked (no AUDIT_VERIFY_KEYS or AUDIT_SIGNING_KEY)");
  if (report.unsealed.count == 0) {
    std::cout << "unsealed: 0 rows\n";
  } else {
    std::cout << fmt::format(
        "unsealed: {} rows, the oldest (id {}) {:.1f} s old; bound {} s, {} over it\n",
        report.unsealed.count, report.unsealed.oldest_id.value_or(0),
        report.unsealed.oldest_age_seconds, options.unsealed_bound.count(),
        report.unsealed.overdue);
  }
}

}  // namespace

void register_audit_commands(CLI::App& app, Context& context) {
  auto* audit = app.add_subcommand("audit", "The tamper-evident audit trail");
  audit->require_subcommand(1);

  auto flags = std::make_shared<VerifyFlags>();
  auto* verify = audit->add_subcommand(
      "verify",
      "Prove the sealed audit trail: exit 1 naming the first row that was modified, removed, "
      "inserted or reordered, a checkpoint that no longer holds, or rows left unsealed too long");
  verify->add_option("--anchor", flags->anchors,
                     "POSITION:HASH of a checkpoint recorded outside the database (repeatable)");
  verify
      ->add_option("--max-unsealed-seconds", flags->max_unsealed_seconds,
                   "Bound on a row's time without a seal (default AUDIT_UNSEALED_MAX_SECONDS)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{86400}));
  verify->callback([&context, flags] {
    const auto& config = context.config();
    domain::audit::VerifyOptions options;
    options.keys = domain::audit::verification_keys(config);
    options.unsealed_bound = flags->max_unsealed_seconds > 0
                                 ? std::chrono::seconds(flags->max_unsealed_seconds)
                                 : config.audit_unsealed_max;
    for (const auto& text : flags->anchors) {
      const auto anchor = domain::audit::parse_anchor(text);
      if (!anchor) {
        std::cerr << fmt::format("--anchor {}: expected POSITION:HASH (64 hex digits)\n", text);
        context.exit_code = 2;
        return;
      }
      options.anchors.push_back(*anchor);
    }
    options.progress = [](std::int64_t rows) {
      std::cerr << fmt::format("verified {} rows...\n", rows);
    };
    db::Connection connection(config.database_url);
    const auto began = std::chrono::steady_clock::now();
    const auto report = domain::audit::verify_history(connection, options);
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - began);
    print_report(report, options, elapsed);
    context.exit_code = report.intact() ? 0 : 1;
  });

  auto* seal = audit->add_subcommand(
      "seal",
      "Link every audit_log row whose transaction is final into the chain now, with a checkpoint "
      "per batch (what `qgp serve` does in the background); waits for no other sealer");
  seal->callback([&context] {
    const auto& config = context.config();
    domain::audit::Sealer sealer(domain::audit::signing_key(config), config.audit_seal_batch_size);
    db::Connection connection(config.database_url);
    const auto outcome = sealer.seal_pending(connection);
    std::cout << fmt::format("sealed {} rows{}{}\n", outcome.rows_sealed,
                             outcome.busy ? "; another sealer is working on the rest" : "",
                             sealer.signs() ? "" : " (checkpoints unsigned: no AUDIT_SIGNING_KEY)");
    context.exit_code = 0;
  });

  auto* keygen = audit->add_subcommand(
      "keygen",
      "Print a new Ed25519 key pair: AUDIT_SIGNING_KEY for the service (secret) and its public "
      "key for AUDIT_VERIFY_KEYS (for auditors)");
  keygen->callback([&context] {
    const auto key = domain::audit::SigningKey::generate();
    std::cout << fmt::format("AUDIT_SIGNING_KEY={}\nAUDIT_VERIFY_KEYS={}\n# key id {}\n",
                             key.seed_base64(), domain::audit::public_key_base64(key.public_key()),
                             key.key_id());
    context.exit_code = 0;
  });
}

}  // namespace qgp::cli
