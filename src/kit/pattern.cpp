#include "kit/pattern.hpp"

#include <regex>
#include <string>

namespace qgp::kit {

bool matches(std::string_view pattern, std::string_view text) {
  // Compiled per call: patterns are short and checked only when a client writes the field.
  const std::regex expression{std::string(pattern), std::regex::ECMAScript};
  return std::regex_search(text.begin(), text.end(), expression);
}

}  // namespace qgp::kit
