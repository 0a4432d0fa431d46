#include "core/review/duration_text.hpp"

#include <cstdio>

#include "core/i18n/text.hpp"

namespace rs::review {
namespace {
std::string num(long long v, int width = 0) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*lld", width, v);
  return buf;
}
std::string u(const char* key) { return std::string(tr(key)); }
}  // namespace

std::string duration_text(Millis ms) {
  if (ms < 0) ms = 0;
  long long s = ms / 1000, m = s / 60, h = m / 60, d = h / 24;
  if (d > 0) return num(d) + u("ui.unit.day") + num(h % 24) + u("ui.unit.hour");
  if (h > 0) return num(h) + u("ui.unit.hour") + num(m % 60, 2) + u("ui.unit.minute");
  if (m > 0) return num(m) + u("ui.unit.minute") + num(s % 60, 2) + u("ui.unit.second");
  return num(s) + u("ui.unit.second");
}

std::string stopwatch_text(Millis ms) {
  if (ms < 0) ms = 0;
  long long s = ms / 1000;
  if (s >= 3600) return num(s / 3600) + ":" + num(s / 60 % 60, 2) + ":" + num(s % 60, 2);
  return num(s / 60) + ":" + num(s % 60, 2);
}

}  // namespace rs::review
