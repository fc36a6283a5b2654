#pragma once

// Audit findings: graded nonconformities, observations and opportunities for improvement raised by
// audit runs (by hand, or automatically when an answer's option triggers one), with their status
// machine and links to clauses, controls and risks.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "store/audits/finding_store.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::domain::audits {

inline constexpr std::array<std::string_view, 4> kFindingGrades = {
    "major_nonconformity", "minor_nonconformity", "observation", "opportunity_for_improvement"};

struct NewFinding {
  std::int64_t run_id = 0;
  std::optional<std::int64_t> question_id, response_id;  // NOLINT(readability-isolate-declaration)
  std::string title, description, grade;                 // NOLINT(readability-isolate-declaration)
  bool is_auto_created = false;
  std::optional<std::int64_t> assigned_to_id;
  std::optional<std::string> due_date;                // YYYY-MM-DD
  std::vector<std::int64_t> clause_ids, control_ids,  // NOLINT(readability-isolate-declaration)
      risk_ids;
};

// Inserts in one transaction, nested in the caller's when one is open (run completion raises
// findings inside its own) — reference number FND, links, one audit row;
// returns the new id. Invalid input (grade, lengths, unknown run/clause/control/risk/user) is a
// core::ValidationError naming each field.
std::int64_t create_finding(db::Connection& connection, const core::Actor& actor,
                            const NewFinding& finding);

// The transition table: open -> in_progress | pending_verification; in_progress ->
// pending_verification; pending_verification -> in_progress (verification rejected) | closed
// (verification, only through verify_finding); closed -> open (reopen). Everything else is a
// core::InvalidTransition naming the allowed targets.
std::vector<std::string_view> allowed_finding_targets(std::string_view from);
bool is_finding_transition_allowed(std::string_view from, std::string_view to);

// Notes a transition must carry: reopening always; closing a nonconformity (major or minor) needs
// closure notes saying what was done. Returns the problem, or nullopt.
std::optional<std::string> finding_note_problem(std::string_view grade, std::string_view to,
                                                const std::optional<std::string>& note);

using FindingRecord = store::audits::FindingRow;

struct FindingUpdate {
  std::int64_t version = 0;
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> grade;
  std::optional<std::optional<std::int64_t>> assigned_to_id;
  std::optional<std::optional<std::string>> due_date;
};

FindingRecord get_finding(db::Connection& connection, std::int64_t id);
FindingRecord update_finding(db::Connection& connection, const core::Actor& actor, std::int64_t id,
                             const FindingUpdate& update);
// Any transition but closing (which is verification: verify_finding).
FindingRecord transition_finding(db::Connection& connection, const core::Actor& actor,
                                 std::int64_t id, std::string_view to,
                                 const std::optional<std::string>& note);
// pending_verification -> closed: records who verified it and when.
FindingRecord verify_finding(db::Connection& connection, const core::Actor& actor, std::int64_t id,
                             const std::optional<std::string>& note);
FindingRecord replace_finding_links(db::Connection& connection, const core::Actor& actor,
                                    std::int64_t id, const std::vector<std::int64_t>& clause_ids,
                                    const std::vector<std::int64_t>& control_ids,
                                    const std::vector<std::int64_t>& risk_ids);

}  // namespace qgp::domain::audits
