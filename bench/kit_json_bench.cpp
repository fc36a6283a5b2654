// The JSON cost of one finding (ADR-0010's evaluation): the resource kit's render and create-parse
// (every field checked: types, code-point limits, enums, read-only and unknown keys) against
// nlohmann-json's type macros on a plain struct (no limits, no field errors, no PATCH). The same
// finding is rendered by bench/kit/describe_json.cpp with Boost.Describe + Boost.JSON 1.81.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "http/json_body.hpp"
#include "kit/plain_finding.hpp"  // bench/kit/, beside this file
#include "model/audits/finding.hpp"

namespace nlohmann {
template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& out, const std::optional<T>& value) {
    out = value ? json(*value) : json(nullptr);
  }
  static void from_json(const json& in, std::optional<T>& value) {
    value = in.is_null() ? std::nullopt : std::optional<T>(in.get<T>());
  }
};
}  // namespace nlohmann

namespace {

using qgp::model::audits::Finding;

Finding sample_finding() {
  Finding f;
  f.id = 4711;
  f.reference_number = "FND-2026-0042";
  f.run_id = 17;
  f.run_reference_number = "AUD-2026-0017";
  f.question_id = 301;
  f.response_id = 9001;
  f.title = "Calibration records missing for two torque wrenches";
  f.description =
      "Two of the six torque wrenches on line 3 had no calibration certificate on file; "
      "the maintenance log shows the last calibration in 2024.";
  f.grade = qgp::model::audits::FindingGrade::kMinorNonconformity;
  f.status = qgp::model::audits::FindingStatus::kInProgress;
  f.allowed_transitions = {qgp::model::audits::FindingStatus::kPendingVerification};
  f.assigned_to_id = 12;
  f.due_date = qgp::kit::Date{"2026-12-31"};
  f.clause_ids = {101, 102, 140};
  f.control_ids = {7};
  f.created_at = qgp::kit::Timestamp{"2026-11-25T02:14:07.123456Z"};
  f.updated_at = qgp::kit::Timestamp{"2026-11-26T09:00:00.000001Z"};
  f.created_by_id = 3;
  f.updated_by_id = 3;
  f.version = 3;
  return f;
}

}  // namespace

// In the struct's namespace, where argument-dependent lookup finds its to_json/from_json.
namespace qgp::bench {
// NOLINTNEXTLINE(cppcoreguidelines-macro-usage,modernize-use-trailing-return-type): the library's
// macro
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(PlainFinding, id, reference_number, run_id, run_reference_number,
                                   question_id, response_id, title, description, grade, status,
                                   allowed_transitions, is_auto_created, assigned_to_id, due_date,
                                   verified_at, verified_by_id, verification_notes, closed_at,
                                   closed_by_id, closure_notes, clause_ids, control_ids, risk_ids,
                                   created_at, updated_at, created_by_id, updated_by_id, version)
}  // namespace qgp::bench

namespace {

using qgp::bench::PlainFinding;

const std::string kCreateBody =
    R"({"run_id": 17, "question_id": 301, "title": "Calibration records missing for two torque wrenches", "description": "Two of the six torque wrenches on line 3 had no calibration certificate on file.", "grade": "minor_nonconformity", "assigned_to_id": 12, "due_date": "2026-12-31", "clause_ids": [101, 102, 140], "control_ids": [7]})";

void kit_render(benchmark::State& state) {
  const auto finding = sample_finding();
  while (state.KeepRunning()) {
    auto text = qgp::api::kit::render(finding).dump();
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(kit_render);

void kit_parse_create(benchmark::State& state) {
  while (state.KeepRunning()) {
    auto finding = qgp::api::kit::parse_create<Finding>(qgp::http::parse_json_object(kCreateBody));
    benchmark::DoNotOptimize(finding);
  }
}
BENCHMARK(kit_parse_create);

void nlohmann_macros_render(benchmark::State& state) {
  const auto kit_json = qgp::api::kit::render(sample_finding());
  const auto plain = kit_json.get<PlainFinding>();
  while (state.KeepRunning()) {
    auto text = nlohmann::json(plain).dump();
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(nlohmann_macros_render);

void nlohmann_macros_parse_full(benchmark::State& state) {
  // The macros' from_json needs every key (a create body has not got the server's): a full object.
  const auto text = qgp::api::kit::render(sample_finding()).dump();
  while (state.KeepRunning()) {
    auto plain = nlohmann::json::parse(text).get<PlainFinding>();
    benchmark::DoNotOptimize(plain);
  }
}
BENCHMARK(nlohmann_macros_parse_full);

}  // namespace
