#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/kit/rows.hpp"

namespace qgp::store::kit {

std::vector<std::string> parse_text_array(std::string_view literal) {
  const auto malformed = [&] {
    return std::logic_error("not a one-dimensional text[] without NULLs: "
                            + std::string(literal.substr(0, 80)));
  };
  if (literal.size() < 2 || literal.front() != '{' || literal.back() != '}') {
    throw malformed();
  }
  const auto body = literal.substr(1, literal.size() - 2);
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < body.size()) {
    std::string item;
    if (body[at] == '"') {
      // Quoted: a backslash escapes the next character (" and \ themselves).
      ++at;
      while (at < body.size() && body[at] != '"') {
        if (body[at] == '\\') {
          ++at;
        }
        if (at >= body.size()) {
          throw malformed();
        }
        item += body[at++];
      }
      if (at >= body.size()) {
        throw malformed();
      }
      ++at;  // the closing quote
    } else {
      const auto end = std::min(body.find(',', at), body.size());
      item = body.substr(at, end - at);
      if (item.empty() || item == "NULL" || item.find_first_of("{}\"\\") != std::string::npos) {
        throw malformed();
      }
      at = end;
    }
    out.push_back(std::move(item));
    if (at == body.size()) {
      break;
    }
    if (body[at] != ',' || at + 1 == body.size()) {
      throw malformed();
    }
    ++at;
  }
  return out;
}

}  // namespace qgp::store::kit
