#include "domain/incidents/riddor.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "kit/enums.hpp"

namespace qgp::domain::incidents::riddor {

namespace {

using C = RiddorCategory;

// Injured people of the incident (witnesses are left out by the caller).
bool any_person(const Facts& facts, bool (*outcome)(const PersonFacts&)) {
  return facts.work_related && std::ranges::any_of(facts.people, outcome);
}

bool death(const Facts& facts) {
  return any_person(facts, [](const PersonFacts& p) { return p.died; });
}
bool specified_injury(const Facts& facts) {
  return any_person(facts, [](const PersonFacts& p) { return p.worker && p.specified_injury; });
}
bool non_worker_hospital(const Facts& facts) {
  return any_person(facts, [](const PersonFacts& p) { return !p.worker && p.taken_to_hospital; });
}
bool dangerous_occurrence(const Facts& facts) {
  return facts.dangerous_occurrence;
}
// More than seven consecutive days, not counting the day of the accident (reg. 4(2)).
bool over_seven_days(const Facts& facts) {
  return any_person(
      facts, [](const PersonFacts& p) { return p.worker && p.days_off_work.value_or(0) > 7; });
}
bool occupational_disease(const Facts& facts) {
  return facts.work_related && facts.ill_health && facts.diagnosed_on.has_value();
}
bool gas_incident(const Facts& facts) {
  return facts.gas_incident;
}
// More than three consecutive days (reg. 12(1)(b)): recorded, not reported.
bool over_three_days(const Facts& facts) {
  return any_person(
      facts, [](const PersonFacts& p) { return p.worker && p.days_off_work.value_or(0) > 3; });
}

int number(std::string_view text) {
  int out = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw std::invalid_argument(fmt::format("not a number: {}", text));
  }
  return out;
}

}  // namespace

// Schedule 1 Part 1 para. 1: regs. 4(1), 5, 6 and 7 are notified by the quickest practicable
// means without delay and reported within 10 days of the incident. Reg. 4(2): an over-seven-day
// injury is reported within 15 days of the accident. Schedule 1 para. 2: a diagnosed disease
// (reg. 8) is reported without delay. Reg. 11(1): a gas incident within 14 days. Reg. 12(1)(b):
// an over-three-day injury is recorded only.
const std::array<Rule, 8> kRules = {{
    {.category = C::kDeath,
     .regulation = "reg. 6(1); Sch. 1 para. 1",
     .applies = death,
     .when = "a person died as a result of a work-related accident",
     .reportable = true,
     .notify_without_delay = true,
     .report_within_days = 10,
     .counted_from = CountedFrom::kEventDay},
    {.category = C::kSpecifiedInjury,
     .regulation = "reg. 4(1); Sch. 1 para. 1",
     .applies = specified_injury,
     .when = "a worker suffered a specified injury of reg. 4(1)",
     .reportable = true,
     .notify_without_delay = true,
     .report_within_days = 10,
     .counted_from = CountedFrom::kEventDay},
    {.category = C::kNonWorkerHospital,
     .regulation = "reg. 5(a); Sch. 1 para. 1",
     .applies = non_worker_hospital,
     .when = "a person not at work was taken from the site to hospital for treatment",
     .reportable = true,
     .notify_without_delay = true,
     .report_within_days = 10,
     .counted_from = CountedFrom::kEventDay},
    {.category = C::kDangerousOccurrence,
     .regulation = "reg. 7, Sch. 2; Sch. 1 para. 1",
     .applies = dangerous_occurrence,
     .when = "a dangerous occurrence listed in Schedule 2 happened",
     .reportable = true,
     .notify_without_delay = true,
     .report_within_days = 10,
     .counted_from = CountedFrom::kEventDay},
    {.category = C::kOverSevenDayIncapacitation,
     .regulation = "reg. 4(2)",
     .applies = over_seven_days,
     .when = "a worker was incapacitated for more than seven consecutive days, not counting the "
             "day of the accident",
     .reportable = true,
     .notify_without_delay = false,
     .report_within_days = 15,
     .counted_from = CountedFrom::kEventDay},
    {.category = C::kOccupationalDisease,
     .regulation = "reg. 8; Sch. 1 para. 2",
     .applies = occupational_disease,
     .when = "a worker was diagnosed in writing with a reportable occupational disease",
     .reportable = true,
     .notify_without_delay = false,
     .report_within_days = 0,
     .counted_from = CountedFrom::kDiagnosisDay},
    {.category = C::kGasIncident,
     .regulation = "reg. 11(1)",
     .applies = gas_incident,
     .when = "flammable gas caused a death, loss of consciousness or hospital treatment",
     .reportable = true,
     .notify_without_delay = false,
     .report_within_days = 14,
     .counted_from = CountedFrom::kEventDay},
    {.category = C::kOverThreeDayIncapacitation,
     .regulation = "reg. 12(1)(b)",
     .applies = over_three_days,
     .when = "a worker was incapacitated for more than three consecutive days (recorded, not "
             "reported)",
     .reportable = false,
     .notify_without_delay = false,
     .report_within_days = std::nullopt,
     .counted_from = CountedFrom::kEventDay},
}};

const Rule& rule_of(RiddorCategory category) {
  const auto* found = std::ranges::find(kRules, category, &Rule::category);
  if (found == kRules.end()) {
    throw std::logic_error("a RIDDOR category without a rule");
  }
  return *found;
}

std::optional<Deadline> deadline(RiddorCategory category, std::chrono::year_month_day event_day,
                                 std::optional<std::chrono::year_month_day> diagnosed_on) {
  const auto& rule = rule_of(category);
  if (rule.counted_from == CountedFrom::kDiagnosisDay && !diagnosed_on) {
    return std::nullopt;
  }
  const auto from = rule.counted_from == CountedFrom::kDiagnosisDay ? *diagnosed_on : event_day;
  Deadline out{.counted_from = from,
               .report_by = std::nullopt,
               .notify_without_delay = rule.notify_without_delay};
  if (rule.reportable && rule.report_within_days) {
    // Calendar days: weekends and rest days count; the day counted from is day 0.
    out.report_by = std::chrono::year_month_day{std::chrono::sys_days{from}
                                                + std::chrono::days{*rule.report_within_days}};
  }
  return out;
}

Proposal classify(const Facts& facts) {
  for (const auto& rule : kRules) {
    if (rule.applies(facts)) {
      return Proposal{.rule = &rule,
                      .due = deadline(rule.category, facts.event_day, facts.diagnosed_on),
                      .rationale = fmt::format("{}: {} ({})", kit::wire_name(rule.category),
                                               rule.when, rule.regulation)};
    }
  }
  return Proposal{.rule = nullptr,
                  .due = std::nullopt,
                  .rationale = facts.work_related
                                   ? "no RIDDOR category applies to the recorded facts"
                                   : "not work-related: RIDDOR does not apply"};
}

std::chrono::year_month_day parse_day(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') {
    throw std::invalid_argument(fmt::format("not a YYYY-MM-DD day: {}", iso));
  }
  const std::chrono::year_month_day day{
      std::chrono::year{number(iso.substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(number(iso.substr(5, 2)))},
      std::chrono::day{static_cast<unsigned>(number(iso.substr(8, 2)))}};
  if (!day.ok()) {
    throw std::invalid_argument(fmt::format("no such day: {}", iso));
  }
  return day;
}

std::string format_day(std::chrono::year_month_day day) {
  return fmt::format("{:%F}", std::chrono::sys_days{day});
}

}  // namespace qgp::domain::incidents::riddor
