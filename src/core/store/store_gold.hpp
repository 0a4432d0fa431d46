#pragma once
// Private to the store layer: what the gold files share (store_gold*.cpp, store_audit_gold.cpp).
#include <optional>
#include <string>

#include "core/store/sqlite.hpp"

namespace rs::store::gold {

// The value as the settings table keeps it, or nothing with `problem` naming the key and why.
std::optional<std::string> setting_text(const std::string& key, const std::string& value, std::string& problem);
// What migration 016 (and 010 for second_review_share) put in the table; "" for other keys.
std::string default_setting(const std::string& key);

// A reviewer's gold answers since their last unpause: what the pause rule looks at.
struct GoldRecord {
  int answered = 0, correct = 0;
};
GoldRecord record_since_unpause(StatementCache& sql, const std::string& reviewer);

}  // namespace rs::store::gold
