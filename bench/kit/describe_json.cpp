// The same finding as bench/kit_json_bench.cpp, with Boost.Describe + Boost.JSON 1.81 (ADR-0010's
// evaluation). Built by bench/kit/run.sh against Boost 1.81 headers unpacked from Debian's
// libboost1.81-dev (it conflicts with the 1.74 the project builds with), header-only.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <boost/json/src.hpp>  // header-only Boost.JSON in this one translation unit

#include "plain_finding.hpp"

// In the struct's namespace, where argument-dependent lookup finds its descriptors.
namespace qgp::bench {
BOOST_DESCRIBE_STRUCT(PlainFinding, (),
                      (id, reference_number, run_id, run_reference_number, question_id, response_id,
                       title, description, grade, status, allowed_transitions, is_auto_created,
                       assigned_to_id, due_date, verified_at, verified_by_id, verification_notes,
                       closed_at, closed_by_id, closure_notes, clause_ids, control_ids, risk_ids,
                       created_at, updated_at, created_by_id, updated_by_id, version))
}  // namespace qgp::bench

namespace {

using qgp::bench::PlainFinding;

PlainFinding sample() {
  PlainFinding f;
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
  f.grade = "minor_nonconformity";
  f.status = "in_progress";
  f.allowed_transitions = {"pending_verification"};
  f.assigned_to_id = 12;
  f.due_date = "2026-12-31";
  f.clause_ids = {101, 102, 140};
  f.control_ids = {7};
  f.created_at = "2026-11-25T02:14:07.123456Z";
  f.updated_at = "2026-11-26T09:00:00.000001Z";
  f.created_by_id = 3;
  f.updated_by_id = 3;
  f.version = 3;
  return f;
}

template <class Fn>
double nanoseconds_per_call(Fn&& fn) {
  constexpr int kCalls = 200000;
  for (int i = 0; i < kCalls / 10; ++i) {
    fn();  // warm up
  }
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kCalls; ++i) {
    fn();
  }
  const std::chrono::duration<double, std::nano> spent = std::chrono::steady_clock::now() - start;
  return spent.count() / kCalls;
}

}  // namespace

int main() {
  const auto finding = sample();
  std::string sink;
  const double render = nanoseconds_per_call(
      [&] { sink = boost::json::serialize(boost::json::value_from(finding)); });
  const auto text = boost::json::serialize(boost::json::value_from(finding));
  const double parse = nanoseconds_per_call([&] {
    auto parsed = boost::json::value_to<PlainFinding>(boost::json::parse(text));
    sink.assign(parsed.title);
  });
  // A create body lacks the server's keys: 1.81's value_to refuses it (every member must be
  // present).
  const std::string create =
      R"({"run_id": 17, "title": "t", "description": "d", "grade": "observation"})";
  const auto attempt = boost::json::try_value_to<PlainFinding>(boost::json::parse(create));
  std::printf("describe_json_render_ns=%.0f describe_json_parse_full_ns=%.0f create_body=%s (%s)\n",
              render, parse, attempt ? "accepted" : "refused",
              attempt ? "" : attempt.error().message().c_str());
  return 0;
}
