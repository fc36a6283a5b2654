#include "store/common/id_lists.hpp"

#include "db/connection.hpp"

namespace qgp::store::common {

std::vector<std::int64_t> parse_id_list(const std::optional<std::string>& joined) {
  std::vector<std::int64_t> ids;
  if (!joined || joined->empty()) {
    return ids;
  }
  std::size_t begin = 0;
  while (begin < joined->size()) {
    auto end = joined->find(',', begin);
    if (end == std::string::npos) {
      end = joined->size();
    }
    ids.push_back(std::stoll(joined->substr(begin, end - begin)));
    begin = end + 1;
  }
  return ids;
}

std::string id_array_literal(const std::vector<std::int64_t>& ids) {
  std::vector<std::optional<std::string>> text;
  text.reserve(ids.size());
  for (const auto id : ids) {
    text.emplace_back(std::to_string(id));
  }
  return db::text_array_literal(text);
}

}  // namespace qgp::store::common
