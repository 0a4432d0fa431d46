#pragma once
// Time in one place so tests can move it: milliseconds since the epoch, and ISO 8601 text.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace rs {

using Millis = std::int64_t;

// Wall clock in ms; tests install a fake through set_clock_for_tests.
Millis now_ms();
void set_clock_for_tests(std::function<Millis()> clock);  // nullptr restores the real clock

// "2026-11-21T08:30:00.123+08:00" in China Standard Time (UTC+8), the inspection centre's zone.
std::string iso8601_cst(Millis ms);
// Parses ISO 8601 with a zone ("Z" or "+08:00") or without one (taken as UTC+8).
std::optional<Millis> parse_iso8601(std::string_view s);

struct LocalDate {
  int year, month, day;
};
LocalDate local_date_cst(Millis ms);
std::string date_text(LocalDate d);  // 2026-11-21
LocalDate add_days(LocalDate d, int days);
int days_in_month(int year, int month);     // 28-31; month 1-12
std::int64_t days_from_civil(LocalDate d);  // days since 1970-01-01

}  // namespace rs
