#include "migrate/graph.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <queue>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace qgp::migrate {

namespace {

bool parse_count(std::string_view digits, long& out) {
  if (digits.empty()) {
    return false;
  }
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  return ec == std::errc() && end == digits.data() + digits.size();
}

}  // namespace

RevisionGraph::RevisionGraph(std::vector<Revision> revisions) {
  // A fixed input order (file name, then id) makes the topological order deterministic.
  std::ranges::stable_sort(revisions, [](const Revision& a, const Revision& b) {
    return a.file_name != b.file_name ? a.file_name < b.file_name : a.id < b.id;
  });
  const std::size_t n = revisions.size();
  std::unordered_map<std::string, std::size_t> position;
  position.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto [it, inserted] = position.emplace(revisions[i].id, i);
    if (!inserted) {
      throw RevisionFileError(fmt::format("revision id '{}' is defined twice: {} and {}",
                                          revisions[i].id, revisions[it->second].file_name,
                                          revisions[i].file_name));
    }
  }
  std::vector<std::vector<std::size_t>> parents(n);
  std::vector<std::vector<std::size_t>> children(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& parent : revisions[i].down_revisions) {
      const auto it = position.find(parent);
      if (it == position.end()) {
        throw RevisionFileError(fmt::format(
            "{}:{}: revision '{}' names down_revision '{}', which no revision file defines",
            revisions[i].file_name, revisions[i].header_line, revisions[i].id, parent));
      }
      parents[i].push_back(it->second);
      children[it->second].push_back(i);
    }
  }

  // Kahn's algorithm; the min-heap picks the earliest file among the ready revisions.
  std::vector<std::size_t> pending(n);
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < n; ++i) {
    pending[i] = parents[i].size();
    if (pending[i] == 0) {
      ready.push(i);
    }
  }
  std::vector<std::size_t> order;
  order.reserve(n);
  while (!ready.empty()) {
    const auto i = ready.top();
    ready.pop();
    order.push_back(i);
    for (const auto child : children[i]) {
      if (--pending[child] == 0) {
        ready.push(child);
      }
    }
  }
  if (order.size() != n) {
    // Every revision left over has a left-over parent: walking parents must come back around.
    std::size_t at = 0;
    while (pending[at] == 0) {
      ++at;
    }
    std::vector<std::size_t> seen_at(n, n);
    std::vector<std::size_t> path;
    while (seen_at[at] == n) {
      seen_at[at] = path.size();
      path.push_back(at);
      at = *std::ranges::find_if(parents[at], [&](std::size_t p) { return pending[p] != 0; });
    }
    std::vector<std::string> cycle;
    for (auto k = path.size(); k-- > seen_at[at];) {
      cycle.push_back(fmt::format("{} ({})", revisions[path[k]].id, revisions[path[k]].file_name));
    }
    cycle.push_back(revisions[path.back()].id);
    throw RevisionFileError(
        fmt::format("the revision graph has a cycle: {}", fmt::join(cycle, " -> ")));
  }

  std::vector<std::size_t> new_index(n);
  for (std::size_t k = 0; k < n; ++k) {
    new_index[order[k]] = k;
  }
  revisions_.reserve(n);
  parents_.resize(n);
  children_.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    const auto old = order[k];
    revisions_.push_back(std::move(revisions[old]));
    for (const auto p : parents[old]) {
      parents_[k].push_back(new_index[p]);
    }
    for (const auto c : children[old]) {
      children_[k].push_back(new_index[c]);
    }
    std::ranges::sort(children_[k]);
    index_.emplace(revisions_[k].id, k);
    sorted_ids_.push_back(revisions_[k].id);
  }
  std::ranges::sort(sorted_ids_);
}

const Revision* RevisionGraph::find(std::string_view id) const {
  const auto it = index_.find(std::string(id));
  return it == index_.end() ? nullptr : &revisions_[it->second];
}

const Revision& RevisionGraph::get(std::string_view id) const {
  return revisions_[index_of(id)];
}

std::size_t RevisionGraph::index_of(std::string_view id) const {
  const auto it = index_.find(std::string(id));
  if (it == index_.end()) {
    throw TargetError(fmt::format("unknown revision '{}'", id));
  }
  return it->second;
}

std::vector<std::string> RevisionGraph::heads() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < revisions_.size(); ++i) {
    if (children_[i].empty()) {
      out.push_back(revisions_[i].id);
    }
  }
  return out;
}

std::vector<std::string> RevisionGraph::bases() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < revisions_.size(); ++i) {
    if (parents_[i].empty()) {
      out.push_back(revisions_[i].id);
    }
  }
  return out;
}

std::vector<std::string> RevisionGraph::children(std::string_view id) const {
  std::vector<std::string> out;
  for (const auto c : children_[index_of(id)]) {
    out.push_back(revisions_[c].id);
  }
  return out;
}

std::vector<std::string> RevisionGraph::branch_points() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < revisions_.size(); ++i) {
    if (children_[i].size() > 1) {
      out.push_back(revisions_[i].id);
    }
  }
  return out;
}

std::string RevisionGraph::resolve_id(std::string_view id_or_prefix) const {
  if (id_or_prefix.empty()) {
    throw TargetError("empty revision id");
  }
  if (index_.contains(std::string(id_or_prefix))) {
    return std::string(id_or_prefix);
  }
  std::vector<std::string> matches;
  for (auto it = std::ranges::lower_bound(sorted_ids_, id_or_prefix);
       it != sorted_ids_.end() && it->compare(0, id_or_prefix.size(), id_or_prefix) == 0; ++it) {
    matches.push_back(*it);
  }
  if (matches.empty()) {
    throw TargetError(fmt::format(
        "no revision '{}' (see `qgp db history`; targets: head, heads, base, an id or unique "
        "prefix, +N, -N, REV+N)",
        id_or_prefix));
  }
  if (matches.size() > 1) {
    if (matches.size() > 5) {
      matches.resize(5);
      matches.emplace_back("...");
    }
    throw TargetError(
        fmt::format("revision prefix '{}' is ambiguous: it matches {}; give more "
                    "characters",
                    id_or_prefix, fmt::join(matches, ", ")));
  }
  return matches.front();
}

std::string RevisionGraph::step(std::string_view from, long steps, std::string_view target) const {
  // "" stands for base.
  std::string at(from);
  const long total = steps < 0 ? -steps : steps;
  for (long done = 0; done < total; ++done) {
    if (steps > 0) {
      std::vector<std::size_t> next;
      if (at.empty()) {
        for (std::size_t i = 0; i < revisions_.size(); ++i) {
          if (parents_[i].empty()) {
            next.push_back(i);
          }
        }
      } else {
        next = children_[index_of(at)];
      }
      if (next.empty()) {
        throw TargetError(
            fmt::format("target '{}': cannot move {} step(s) up, {} is a head after "
                        "{} step(s)",
                        target, total, at.empty() ? "base" : at, done));
      }
      if (next.size() > 1) {
        std::vector<std::string> names;
        names.reserve(next.size());
        for (const auto i : next) {
          names.push_back(revisions_[i].id);
        }
        throw TargetError(
            fmt::format("target '{}' is ambiguous: {} branches into {}; name the revision instead",
                        target, at.empty() ? "base" : at, fmt::join(names, ", ")));
      }
      at = revisions_[next.front()].id;
    } else {
      if (at.empty()) {
        throw TargetError(fmt::format(
            "target '{}': cannot move {} step(s) down, base is reached after {} step(s)", target,
            total, done));
      }
      const auto& parents = parents_[index_of(at)];
      if (parents.size() > 1) {
        std::vector<std::string> names;
        names.reserve(parents.size());
        for (const auto i : parents) {
          names.push_back(revisions_[i].id);
        }
        throw TargetError(
            fmt::format("target '{}' is ambiguous: {} is a merge of {}; name the revision instead",
                        target, at, fmt::join(names, ", ")));
      }
      at = parents.empty() ? std::string() : revisions_[parents.front()].id;
    }
  }
  return at;
}

ResolvedTarget RevisionGraph::resolve(std::string_view target,
                                      const std::vector<std::string>& current) const {
  ResolvedTarget out;
  if (target == "base") {
    out.base = true;
    return out;
  }
  if (target == "heads" || target == "head") {
    out.revisions = heads();
    if (out.revisions.empty()) {
      out.base = true;
    } else if (target == "head" && out.revisions.size() > 1) {
      throw TargetError(fmt::format(
          "there are {} heads ({}), so `head` is ambiguous: merge them with `qgp db merge {} -m "
          "\"merge heads\"`, or target `heads` or one revision",
          out.revisions.size(), fmt::join(out.revisions, ", "), fmt::join(out.revisions, " ")));
    }
    return out;
  }
  std::string from;
  long steps = 0;
  const auto sign = target.find_last_of("+-");
  long count = 0;
  if (sign != std::string_view::npos && parse_count(target.substr(sign + 1), count)) {
    steps = target[sign] == '+' ? count : -count;
    if (sign == 0) {
      if (current.size() > 1) {
        throw TargetError(fmt::format(
            "the database has {} heads ({}), so '{}' is ambiguous: use REV{}N with one of them",
            current.size(), fmt::join(current, ", "), target, target[0]));
      }
      from = current.empty() ? std::string() : resolve_id(current.front());
    } else {
      const auto base_part = target.substr(0, sign);
      from = base_part == "base" ? std::string() : resolve_id(base_part);
    }
    const auto at = step(from, steps, target);
    if (at.empty()) {
      out.base = true;
    } else {
      out.revisions.push_back(at);
    }
    return out;
  }
  out.revisions.push_back(resolve_id(target));
  return out;
}

std::vector<bool> RevisionGraph::closure(const std::vector<std::string>& ids) const {
  std::vector<bool> member(revisions_.size(), false);
  std::vector<std::size_t> stack;
  stack.reserve(ids.size());
  for (const auto& id : ids) {
    stack.push_back(index_of(id));
  }
  while (!stack.empty()) {
    const auto i = stack.back();
    stack.pop_back();
    if (member[i]) {
      continue;
    }
    member[i] = true;
    for (const auto p : parents_[i]) {
      if (!member[p]) {
        stack.push_back(p);
      }
    }
  }
  return member;
}

std::vector<std::string> RevisionGraph::upgrade_path(const std::vector<std::string>& applied_heads,
                                                     const ResolvedTarget& target) const {
  const auto applied = closure(applied_heads);
  const auto wanted =
      target.base ? std::vector<bool>(revisions_.size(), false) : closure(target.revisions);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < revisions_.size(); ++i) {
    if (wanted[i] && !applied[i]) {
      out.push_back(revisions_[i].id);
    }
  }
  return out;
}

std::vector<std::string> RevisionGraph::downgrade_path(
    const std::vector<std::string>& applied_heads, const ResolvedTarget& target) const {
  const auto applied = closure(applied_heads);
  const auto keep =
      target.base ? std::vector<bool>(revisions_.size(), false) : closure(target.revisions);
  std::vector<std::string> out;
  for (auto i = revisions_.size(); i-- > 0;) {
    if (applied[i] && !keep[i]) {
      out.push_back(revisions_[i].id);
    }
  }
  return out;
}

std::vector<std::string> RevisionGraph::heads_of(const std::vector<bool>& members) const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < revisions_.size(); ++i) {
    if (members[i]
        && std::ranges::none_of(children_[i], [&](std::size_t c) { return members[c]; })) {
      out.push_back(revisions_[i].id);
    }
  }
  return out;
}

}  // namespace qgp::migrate
