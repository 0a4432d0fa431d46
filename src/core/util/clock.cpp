#include "core/util/clock.hpp"
#include "core/util/digits.hpp"

#include <chrono>
#include <cstdio>
#include <mutex>
#include <utility>

namespace rs {
namespace {
std::mutex g_clock_mutex;
std::function<Millis()> g_clock;
constexpr Millis kCstOffsetMs = 8LL * 3600 * 1000;

// Days since 1970-01-01 to a calendar date and back, with C++20's proleptic Gregorian calendar.
LocalDate civil_from_days(std::int64_t z) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{z}}};
  return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}
}  // namespace

std::int64_t days_from_civil(LocalDate d) {
  using namespace std::chrono;
  // From the first of the month so that a day past the month's end (or before it) counts on into
  // the next (or back into the previous), as add_days relies on.
  const year_month ym = year_month{year{d.year}, January} + months{d.month - 1};
  return (sys_days{ym / 1} + days{d.day - 1}).time_since_epoch().count();
}

Millis now_ms() {
  {
    std::lock_guard lock(g_clock_mutex);
    if (g_clock) return g_clock();
  }
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void set_clock_for_tests(std::function<Millis()> clock) {
  std::lock_guard lock(g_clock_mutex);
  g_clock = std::move(clock);
}

// Whole days since the epoch and the milliseconds into that day, in China Standard Time.
static std::pair<std::int64_t, Millis> split_cst(Millis ms) {
  using namespace std::chrono;
  const milliseconds local{ms + kCstOffsetMs};
  const days day = floor<days>(local);  // rounds toward the past, also before 1970
  return {day.count(), (local - day).count()};
}

LocalDate local_date_cst(Millis ms) { return civil_from_days(split_cst(ms).first); }

std::string date_text(LocalDate d) {
  std::string s;
  s.reserve(10);
  append_digits(s, d.year, 4);
  s.push_back('-');
  append_digits(s, d.month, 2);
  s.push_back('-');
  append_digits(s, d.day, 2);
  return s;
}

LocalDate add_days(LocalDate d, int days) { return civil_from_days(days_from_civil(d) + days); }

std::string iso8601_cst(Millis ms) {
  auto [days, in_day] = split_cst(ms);
  std::string s = date_text(civil_from_days(days));
  s.reserve(29);
  s.push_back('T');
  append_digits(s, in_day / 3600000, 2);
  s.push_back(':');
  append_digits(s, in_day / 60000 % 60, 2);
  s.push_back(':');
  append_digits(s, in_day / 1000 % 60, 2);
  s.push_back('.');
  append_digits(s, in_day % 1000, 3);
  s += "+08:00";
  return s;
}

int days_in_month(int year, int month) {
  using namespace std::chrono;
  return int(unsigned((std::chrono::year{year} / std::chrono::month{unsigned(month)} / last).day()));
}

std::optional<Millis> parse_iso8601(std::string_view s) {
  int Y, M, D, h = 0, m = 0, sec = 0, n = 0;
  std::string str(s);
  if (std::sscanf(str.c_str(), "%4d-%2d-%2d%n", &Y, &M, &D, &n) != 3 || n != 10) return std::nullopt;
  if (Y < 1 || M < 1 || M > 12 || D < 1 || D > days_in_month(Y, M)) return std::nullopt;  // 2026-02-30 is no date
  std::size_t pos = 10;
  Millis frac = 0;
  Millis offset = kCstOffsetMs;
  if (pos < str.size() && (str[pos] == 'T' || str[pos] == ' ')) {
    int n2 = 0;
    if (std::sscanf(str.c_str() + pos + 1, "%2d:%2d%n", &h, &m, &n2) != 2 || n2 != 5) return std::nullopt;
    pos += 1 + 5;
    if (pos < str.size() && str[pos] == ':') {
      int n3 = 0;
      if (std::sscanf(str.c_str() + pos + 1, "%2d%n", &sec, &n3) != 1 || n3 != 2) return std::nullopt;
      pos += 3;
      if (pos < str.size() && str[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < str.size() && str[pos] >= '0' && str[pos] <= '9') {
          if (digits < 3) frac = frac * 10 + (str[pos] - '0');
          ++digits, ++pos;
        }
        for (; digits < 3; ++digits) frac *= 10;
      }
    }
    if (h > 23 || m > 59 || sec > 60) return std::nullopt;
  }
  if (pos < str.size()) {
    if (str[pos] == 'Z' && pos + 1 == str.size()) {
      offset = 0;
    } else if ((str[pos] == '+' || str[pos] == '-') && str.size() - pos == 6 && str[pos + 3] == ':') {
      int oh = 0, om = 0;
      if (std::sscanf(str.c_str() + pos + 1, "%2d:%2d", &oh, &om) != 2) return std::nullopt;
      offset = (str[pos] == '-' ? -1 : 1) * (Millis(oh) * 3600000 + Millis(om) * 60000);
    } else {
      return std::nullopt;
    }
  }
  Millis days = days_from_civil({Y, M, D});
  return days * 86400000 + Millis(h) * 3600000 + Millis(m) * 60000 + Millis(sec) * 1000 + frac - offset;
}

}  // namespace rs
