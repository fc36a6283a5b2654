#include "store/kit/rows.hpp"

#include <charconv>
#include <cmath>

namespace qgp::store::kit {

qgp::kit::Scalar scalar_from_tagged(std::string_view tagged) {
  const auto bad = [&] {
    return std::logic_error(fmt::format("'{}' is not a tagged scalar (b, n or s + text)", tagged));
  };
  if (tagged.empty()) {
    throw bad();
  }
  const auto text = tagged.substr(1);
  switch (tagged.front()) {
    case 'b':
      if (text != "true" && text != "false") {
        throw bad();
      }
      return text == "true";
    case 'n': {
      double number = 0;
      const auto* end = text.data() + text.size();
      const auto [ptr, ec] = std::from_chars(
          text.data(), end, number);  // NOLINT(bugprone-suspicious-stringview-data-usage)
      if (ec != std::errc() || ptr != end || !std::isfinite(number)) {
        throw bad();
      }
      return number;
    }
    case 's':
      return std::string(text);
    default:
      throw bad();
  }
}

}  // namespace qgp::store::kit
