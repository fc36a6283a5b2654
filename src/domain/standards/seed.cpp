#include "domain/standards/seed.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "domain/common/records.hpp"
#include "domain/standards/catalog.hpp"
#include "domain/standards/relevel.hpp"
#include "kit/enums.hpp"
#include "model/standards/clause.hpp"
#include "model/standards/control.hpp"
#include "model/standards/standard.hpp"
#include "store/standards/standards_store.hpp"

namespace qgp::domain::standards {

namespace {

namespace st = store::standards;
using model::standards::Clause;
using model::standards::ClauseMapping;
using model::standards::Control;
using model::standards::ControlTheme;
using model::standards::MappingType;
using model::standards::Standard;

template <class E>
E catalog_value(std::string_view text) {
  const auto value = kit::parse_enum<E>(text);
  if (!value) {
    throw std::logic_error(fmt::format("catalog value '{}' is not in its enumeration", text));
  }
  return *value;
}

struct Placed {
  std::int64_t id = 0;
  std::int16_t level = 1;
};

class Seeder {
 public:
  Seeder(db::Transaction& tx, const core::Actor& actor) : tx_(tx), actor_(actor) {}

  SeedResult run() {
    st::lock_catalog(tx_.connection());
    for (const auto& standard : standard_catalog()) {
      const auto id = seed_standard(standard);
      if (!id) {
        continue;  // archived on purpose: leave the whole standard alone
      }
      seed_clauses(*id, standard);
      if (standard.code == kIso27001) {
        seed_controls(*id, standard.code);
      }
    }
    seed_mappings();
    return result_;
  }

 private:
  // Writes `after` over `before` when the catalog changed something: counted either way.
  template <class R>
  bool reconcile(const R& before, const R& after, SeedCounts& counts) {
    if (common::changes(before, after).empty()) {
      ++counts.unchanged;
      return false;
    }
    common::write(tx_, actor_, before, after, "update");
    ++counts.updated;
    return true;
  }

  std::optional<std::int64_t> seed_standard(const StandardDef& def) {
    const auto existing = st::standard_by_code(tx_.connection(), def.code);
    if (!existing) {
      Standard fresh;
      fresh.code = def.code;
      fresh.name = def.name;
      fresh.full_name = def.full_name;
      fresh.edition = def.edition;
      fresh.description = std::string(def.description);
      ++result_.standards.created;
      return common::create(tx_, actor_, fresh).id;
    }
    if (existing->archived_at) {
      ++result_.standards.unchanged;
      return std::nullopt;
    }
    auto after = *existing;
    after.name = def.name;
    after.full_name = def.full_name;
    after.edition = def.edition;
    reconcile(*existing, after, result_.standards);
    return existing->id;
  }

  void seed_clauses(std::int64_t standard_id, const StandardDef& def) {
    std::map<std::string, Clause, std::less<>> existing;
    for (auto& clause : st::clauses_of(tx_.connection(), standard_id, true)) {
      auto number = clause.clause_number;
      existing.emplace(std::move(number), std::move(clause));
    }
    std::map<std::string, Placed, std::less<>> placed;
    for (const auto& def_clause : def.clauses) {
      std::optional<std::int64_t> parent_id;
      std::int16_t level = 1;
      if (const auto parent = placed.find(parent_number(def_clause.number));
          parent != placed.end()) {
        parent_id = parent->second.id;
        level = static_cast<std::int16_t>(parent->second.level + 1);
      }
      const auto found = existing.find(def_clause.number);
      if (found == existing.end()) {
        Clause fresh;
        fresh.standard_id = standard_id;
        fresh.parent_clause_id = parent_id;
        fresh.clause_number = def_clause.number;
        fresh.title = def_clause.title;
        fresh.level = level;
        const auto id = common::create(tx_, actor_, fresh).id;
        ++result_.clauses.created;
        placed[std::string(def_clause.number)] = {.id = id, .level = level};
        live_clauses_[{std::string(def.code), std::string(def_clause.number)}] = id;
        continue;
      }
      const auto& row = found->second;
      placed[std::string(def_clause.number)] = {.id = row.id,
                                                .level = row.archived_at ? row.level : level};
      if (row.archived_at) {
        ++result_.clauses.unchanged;
        continue;
      }
      live_clauses_[{std::string(def.code), std::string(def_clause.number)}] = row.id;
      auto after = row;
      after.parent_clause_id = parent_id;
      after.title = def_clause.title;
      after.level = level;
      if (reconcile(row, after, result_.clauses) && after.level != row.level) {
        // The sub-clauses still to come in this loop must see their new level and version.
        for (const auto& moved : relevel_subtree(tx_, actor_, row.id)) {
          for (auto& [number, other] : existing) {
            if (other.id == moved.id) {
              other.level = static_cast<std::int16_t>(moved.after);
              ++other.version;
            }
          }
        }
      }
    }
  }

  void seed_controls(std::int64_t standard_id, std::string_view code) {
    std::map<std::string, Control, std::less<>> existing;
    for (auto& control : st::controls_of(tx_.connection(), standard_id, true)) {
      auto number = control.control_number;
      existing.emplace(std::move(number), std::move(control));
    }
    for (const auto& def : annex_a_controls()) {
      std::optional<std::int64_t> clause_id;
      if (const auto clause =
              live_clauses_.find({std::string(code), std::string(parent_number(def.number))});
          clause != live_clauses_.end()) {
        clause_id = clause->second;
      }
      const auto theme = catalog_value<ControlTheme>(def.theme);
      const auto found = existing.find(def.number);
      if (found == existing.end()) {
        Control fresh;
        fresh.standard_id = standard_id;
        fresh.clause_id = clause_id;
        fresh.control_number = def.number;
        fresh.title = def.title;
        fresh.theme = theme;
        common::create(tx_, actor_, fresh);
        ++result_.controls.created;
        continue;
      }
      const auto& row = found->second;
      if (row.archived_at) {
        ++result_.controls.unchanged;
        continue;
      }
      auto after = row;
      after.clause_id = clause_id;
      after.title = def.title;
      after.theme = theme;
      reconcile(row, after, result_.controls);
    }
  }

  void seed_mappings() {
    std::map<std::pair<std::int64_t, std::int64_t>, ClauseMapping> existing;
    for (auto& mapping : st::all_mappings(tx_.connection())) {
      const std::pair key{mapping.clause_a_id, mapping.clause_b_id};
      existing.emplace(key, std::move(mapping));
    }
    for (const auto& def : clause_mappings()) {
      const auto a =
          live_clauses_.find({std::string(def.a.standard_code), std::string(def.a.clause_number)});
      const auto b =
          live_clauses_.find({std::string(def.b.standard_code), std::string(def.b.clause_number)});
      if (a == live_clauses_.end() || b == live_clauses_.end()) {
        continue;  // an archived clause (or standard) keeps its mappings as they are
      }
      const std::pair key{std::min(a->second, b->second), std::max(a->second, b->second)};
      const auto type = catalog_value<MappingType>(def.mapping_type);
      const auto found = existing.find(key);
      if (found == existing.end()) {
        ClauseMapping fresh;
        fresh.clause_a_id = key.first;
        fresh.clause_b_id = key.second;
        fresh.mapping_type = type;
        existing.emplace(key, common::create(tx_, actor_, fresh));
        ++result_.mappings.created;
        continue;
      }
      auto after = found->second;
      after.mapping_type = type;
      if (reconcile(found->second, after, result_.mappings)) {
        found->second = after;
      }
    }
  }

  db::Transaction& tx_;
  const core::Actor& actor_;
  SeedResult result_;
  std::map<std::pair<std::string, std::string>, std::int64_t> live_clauses_;
};

}  // namespace

SeedResult seed(db::Transaction& tx, const core::Actor& actor) {
  return Seeder(tx, actor).run();
}

}  // namespace qgp::domain::standards
