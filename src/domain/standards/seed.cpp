#include "domain/standards/seed.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "domain/standards/audit_fields.hpp"
#include "domain/standards/catalog.hpp"
#include "store/standards/standards_store.hpp"

namespace qgp::domain::standards {

namespace {

namespace st = store::standards;

struct Placed {
  std::int64_t id = 0;
  int level = 1;
};

class Seeder {
 public:
  Seeder(db::Connection& connection, const core::Actor& actor)
      : connection_(connection), actor_(actor) {}

  SeedResult run() {
    st::lock_catalog(connection_);
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
  std::optional<std::int64_t> seed_standard(const StandardDef& def) {
    const auto existing = st::find_standard_by_code(connection_, def.code);
    if (!existing) {
      const st::StandardFields fields{.code = std::string(def.code),
                                      .name = std::string(def.name),
                                      .full_name = std::string(def.full_name),
                                      .edition = std::string(def.edition),
                                      .description = std::string(def.description),
                                      .effective_date = std::nullopt,
                                      .is_active = true};
      const auto id = st::insert_standard(connection_, fields, actor_.user_id);
      audit_fields::append(connection_, actor_, "create", audit_fields::kStandard, id,
                           audit_fields::created(audit_fields::of(fields)));
      ++result_.standards.created;
      return id;
    }
    if (existing->archived_at) {
      ++result_.standards.unchanged;
      return std::nullopt;
    }
    const auto before = audit_fields::fields_of(*existing);
    auto after = before;
    after.name = def.name;
    after.full_name = def.full_name;
    after.edition = def.edition;
    auto changes = audit_fields::diff(audit_fields::of(before), audit_fields::of(after));
    if (changes.empty()) {
      ++result_.standards.unchanged;
    } else {
      st::update_standard(connection_, existing->id, existing->version, after, actor_.user_id);
      audit_fields::append(connection_, actor_, "update", audit_fields::kStandard, existing->id,
                           std::move(changes));
      ++result_.standards.updated;
    }
    return existing->id;
  }

  void seed_clauses(std::int64_t standard_id, const StandardDef& def) {
    std::map<std::string, st::ClauseRow, std::less<>> existing;
    for (auto& clause : st::all_clauses(connection_, standard_id, true)) {
      auto number = clause.clause_number;
      existing.emplace(std::move(number), std::move(clause));
    }
    std::map<std::string, Placed, std::less<>> placed;
    for (const auto& clause : def.clauses) {
      std::optional<std::int64_t> parent_id;
      int level = 1;
      if (const auto parent = placed.find(parent_number(clause.number)); parent != placed.end()) {
        parent_id = parent->second.id;
        level = parent->second.level + 1;
      }
      const auto found = existing.find(clause.number);
      if (found == existing.end()) {
        const st::ClauseFields fields{.parent_clause_id = parent_id,
                                      .clause_number = std::string(clause.number),
                                      .title = std::string(clause.title),
                                      .description = std::nullopt,
                                      .level = level,
                                      .sort_order = 0,
                                      .is_active = true};
        const auto id = st::insert_clause(connection_, standard_id, fields, actor_.user_id);
        auto audited = audit_fields::of(fields);
        audited.emplace_back("standard_id", standard_id);
        audit_fields::append(connection_, actor_, "create", audit_fields::kClause, id,
                             audit_fields::created(audited));
        ++result_.clauses.created;
        placed[std::string(clause.number)] = {.id = id, .level = level};
        live_clauses_[{std::string(def.code), std::string(clause.number)}] = id;
        continue;
      }
      const auto& row = found->second;
      placed[std::string(clause.number)] = {.id = row.id,
                                            .level = row.archived_at ? row.level : level};
      if (row.archived_at) {
        ++result_.clauses.unchanged;
        continue;
      }
      live_clauses_[{std::string(def.code), std::string(clause.number)}] = row.id;
      const auto before = audit_fields::fields_of(row);
      auto after = before;
      after.parent_clause_id = parent_id;
      after.title = clause.title;
      after.level = level;
      auto changes = audit_fields::diff(audit_fields::of(before), audit_fields::of(after));
      if (changes.empty()) {
        ++result_.clauses.unchanged;
        continue;
      }
      st::update_clause(connection_, row.id, row.version, after, actor_.user_id);
      audit_fields::append(connection_, actor_, "update", audit_fields::kClause, row.id,
                           std::move(changes));
      if (after.level != before.level) {
        // The sub-clauses still to come in this loop must see their new level and version.
        for (const auto& moved : audit_fields::relevel_subtree(connection_, actor_, row.id)) {
          for (auto& [number, other] : existing) {
            if (other.id == moved.id) {
              other.level = moved.after;
              ++other.version;
            }
          }
        }
      }
      ++result_.clauses.updated;
    }
  }

  void seed_controls(std::int64_t standard_id, std::string_view code) {
    std::map<std::string, st::ControlRow, std::less<>> existing;
    for (auto& control : st::all_controls(connection_, standard_id, true)) {
      auto number = control.control_number;
      existing.emplace(std::move(number), std::move(control));
    }
    for (const auto& control : annex_a_controls()) {
      std::optional<std::int64_t> clause_id;
      if (const auto clause =
              live_clauses_.find({std::string(code), std::string(parent_number(control.number))});
          clause != live_clauses_.end()) {
        clause_id = clause->second;
      }
      const auto found = existing.find(control.number);
      if (found == existing.end()) {
        const st::ControlFields fields{.clause_id = clause_id,
                                       .control_number = std::string(control.number),
                                       .title = std::string(control.title),
                                       .description = std::nullopt,
                                       .guidance = std::nullopt,
                                       .theme = std::string(control.theme),
                                       .is_active = true};
        const auto id = st::insert_control(connection_, standard_id, fields, actor_.user_id);
        auto audited = audit_fields::of(fields);
        audited.emplace_back("standard_id", standard_id);
        audit_fields::append(connection_, actor_, "create", audit_fields::kControl, id,
                             audit_fields::created(audited));
        ++result_.controls.created;
        continue;
      }
      const auto& row = found->second;
      if (row.archived_at) {
        ++result_.controls.unchanged;
        continue;
      }
      const auto before = audit_fields::fields_of(row);
      auto after = before;
      after.clause_id = clause_id;
      after.title = control.title;
      after.theme = std::string(control.theme);
      auto changes = audit_fields::diff(audit_fields::of(before), audit_fields::of(after));
      if (changes.empty()) {
        ++result_.controls.unchanged;
        continue;
      }
      st::update_control(connection_, row.id, row.version, after, actor_.user_id);
      audit_fields::append(connection_, actor_, "update", audit_fields::kControl, row.id,
                           std::move(changes));
      ++result_.controls.updated;
    }
  }

  void seed_mappings() {
    std::map<std::pair<std::int64_t, std::int64_t>, st::MappingRow> existing;
    for (auto& mapping : st::all_mappings(connection_)) {
      const std::pair key{mapping.clause_a_id, mapping.clause_b_id};
      existing.emplace(key, std::move(mapping));
    }
    for (const auto& mapping : clause_mappings()) {
      const auto a = live_clauses_.find(
          {std::string(mapping.a.standard_code), std::string(mapping.a.clause_number)});
      const auto b = live_clauses_.find(
          {std::string(mapping.b.standard_code), std::string(mapping.b.clause_number)});
      if (a == live_clauses_.end() || b == live_clauses_.end()) {
        continue;  // an archived clause (or standard) keeps its mappings as they are
      }
      const std::pair key{std::min(a->second, b->second), std::max(a->second, b->second)};
      const auto found = existing.find(key);
      if (found == existing.end()) {
        const auto id = st::insert_mapping(connection_, key.first, key.second, mapping.mapping_type,
                                           std::nullopt, actor_.user_id);
        auto row = *st::find_mapping(connection_, id);
        audit_fields::append(connection_, actor_, "create", audit_fields::kClauseMapping, id,
                             audit_fields::created(audit_fields::of(row)));
        existing.emplace(key, std::move(row));
        ++result_.mappings.created;
        continue;
      }
      if (found->second.mapping_type == mapping.mapping_type) {
        ++result_.mappings.unchanged;
        continue;
      }
      store::audit::ChangeSet changes;
      changes.track("mapping_type", found->second.mapping_type, std::string(mapping.mapping_type));
      st::update_mapping_type(connection_, found->second.id, mapping.mapping_type, actor_.user_id);
      audit_fields::append(connection_, actor_, "update", audit_fields::kClauseMapping,
                           found->second.id, std::move(changes).take());
      found->second.mapping_type = mapping.mapping_type;
      ++result_.mappings.updated;
    }
  }

  db::Connection& connection_;
  const core::Actor& actor_;
  SeedResult result_;
  std::map<std::pair<std::string, std::string>, std::int64_t> live_clauses_;
};

}  // namespace

SeedResult seed(db::Connection& connection, const core::Actor& actor) {
  return Seeder(connection, actor).run();
}

}  // namespace qgp::domain::standards
