#pragma once
// A few days of decided history for a new demo database, so every supervisor view has something
// to show: orders decided by r1-r3 during working hours with plausible review times, reasons and
// rule findings, blind second reviews (most agreeing, a few not) and a couple of overturns. Every
// row goes in through the store's own calls, as a workstation's would, so `audit verify` holds.
#include <cstdint>
#include <vector>

#include "core/store/store.hpp"

namespace rs::demo {

struct HistoryReport {
  int decisions = 0, second_reviews = 0, disagreements = 0, overturns = 0;
};

// `days` days before today, `per_day` orders a day, their photos taken in turn from `photos`
// (JPEG bytes that intake accepts). Needs the demo accounts (ensure_demo_accounts).
HistoryReport fill_demo_history(const std::string& db_path, const std::vector<std::vector<std::uint8_t>>& photos,
                                int days = 5, int per_day = 60);

}  // namespace rs::demo
