#pragma once

// The plain struct nlohmann's macros and Boost.Describe need to render a finding (enums as
// strings, no declaration): shared by bench/kit_json_bench.cpp and bench/kit/describe_json.cpp
// so both evaluate exactly the same shape.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qgp::bench {

struct PlainFinding {
  std::int64_t id = 0;
  std::string reference_number;
  std::int64_t run_id = 0;
  std::string run_reference_number;
  std::optional<std::int64_t> question_id;
  std::optional<std::int64_t> response_id;
  std::string title;
  std::string description;
  std::string grade;
  std::string status;
  std::vector<std::string> allowed_transitions;
  bool is_auto_created = false;
  std::optional<std::int64_t> assigned_to_id;
  std::optional<std::string> due_date;
  std::optional<std::string> verified_at;
  std::optional<std::int64_t> verified_by_id;
  std::optional<std::string> verification_notes;
  std::optional<std::string> closed_at;
  std::optional<std::int64_t> closed_by_id;
  std::optional<std::string> closure_notes;
  std::vector<std::int64_t> clause_ids;
  std::vector<std::int64_t> control_ids;
  std::vector<std::int64_t> risk_ids;
  std::string created_at;
  std::string updated_at;
  std::optional<std::int64_t> created_by_id;
  std::optional<std::int64_t> updated_by_id;
  std::int64_t version = 1;
};

}  // namespace qgp::bench
