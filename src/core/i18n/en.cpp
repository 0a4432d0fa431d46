// English table: same keys as zh_cn.cpp. Keys missing here fall back to Chinese.
#include <string_view>
#include <utility>
#include <vector>

namespace rs::detail {
const std::vector<std::pair<std::string_view, std::string_view>>& en_table() {
  static const std::vector<std::pair<std::string_view, std::string_view>> t = {
      {"reason.OTHER.label", "Other"},
      {"finding.warn_band_open", " (warn "},
      {"finding.warn_band_close", ")"},
  };
  return t;
}
}  // namespace rs::detail
