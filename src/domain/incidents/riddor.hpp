#pragma once

// The RIDDOR engine (ADR-0014): pure, no I/O. From an incident's facts it proposes the category of
// the Reporting of Injuries, Diseases and Dangerous Occurrences Regulations 2013 (SI 2013/1471)
// that applies, and computes the legal deadlines of a category from the day of the event (or of
// the diagnosis), never from when the incident was recorded. Every rule is one row of kRules.

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/incidents/incident.hpp"

namespace qgp::domain::incidents::riddor {

using model::incidents::RiddorCategory;

// What a person's outcome was (people involved; witnesses are not facts of the engine).
struct PersonFacts {
  bool worker = true;
  bool died = false;
  bool specified_injury = false;
  bool taken_to_hospital = false;
  std::optional<int> days_off_work;  // consecutive, the day of the event not counted
};

struct Facts {
  std::chrono::year_month_day event_day;
  std::optional<std::chrono::year_month_day> diagnosed_on;
  bool work_related = true;
  bool dangerous_occurrence = false;
  bool ill_health = false;
  bool gas_incident = false;
  std::vector<PersonFacts> people;
};

// The day a deadline counts from.
enum class CountedFrom : std::uint8_t { kEventDay, kDiagnosisDay };

struct Rule {
  RiddorCategory category;
  std::string_view regulation;
  bool (*applies)(const Facts&);
  std::string_view when;  // the rule in words (the rationale quotes it)
  bool reportable;
  bool notify_without_delay;
  // Days after the day counted from (that day itself not counted); 0: that same day ("without
  // delay"); nullopt: not reported (recorded only).
  std::optional<int> report_within_days;
  CountedFrom counted_from;
};

// The rules in order of precedence: the first that applies is the proposal.
extern const std::array<Rule, 8> kRules;

const Rule& rule_of(RiddorCategory category);

struct Deadline {
  std::chrono::year_month_day counted_from;
  std::optional<std::chrono::year_month_day> report_by;  // nullopt: not reported
  bool notify_without_delay = false;
};

// The deadline of `category` for an event on `event_day` (diagnosed on `diagnosed_on`): nullopt
// for a disease without a diagnosis day (it is not reportable until diagnosed).
std::optional<Deadline> deadline(RiddorCategory category, std::chrono::year_month_day event_day,
                                 std::optional<std::chrono::year_month_day> diagnosed_on);

struct Proposal {
  const Rule* rule = nullptr;  // nullptr: no category applies
  std::optional<Deadline> due;
  std::string rationale;
};

// The first rule of kRules that applies to `facts`, its deadline and why.
Proposal classify(const Facts& facts);

// "2028-02-29" <-> year_month_day (throws std::invalid_argument on anything else).
std::chrono::year_month_day parse_day(std::string_view iso);
std::string format_day(std::chrono::year_month_day day);

}  // namespace qgp::domain::incidents::riddor
