#include "core/bench/bench_supervise.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include "core/accounts/password.hpp"
#include "core/store/bench_fill.hpp"
#include "core/store/store.hpp"
#include "core/util/clock.hpp"
#include "core/util/percentile.hpp"

namespace rs::bench {
namespace fs = std::filesystem;
using store::BrowseFilter;
using store::Outcome;
using store::Store;

namespace {
constexpr int kPageRows = 200;  // what the browser asks for (ui/supervise/view_browser.hpp)
constexpr int kNextPages = 3;
constexpr Millis kDayMs = 24LL * 3600 * 1000;

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// "2026-12-05" for today (CST) minus `days`.
std::string day_before(int days) { return date_text(local_date_cst(now_ms() - days * kDayMs)); }

struct Case {
  const char* name;
  BrowseFilter filter;
};

// What a supervisor asks for: broad filters, narrow ones (a small city, a rare document type, a
// rare reason, the checkboxes) and narrow ones together, where a walk of the time index finds
// few rows per thousand.
std::vector<Case> cases() {
  auto with = [](auto&& set) {
    BrowseFilter f;
    set(f);
    return f;
  };
  const std::string week_from = day_before(14), week_to = day_before(8);
  return {
      {"none", {}},
      {"reviewer", with([](BrowseFilter& f) { f.reviewer = "r7"; })},
      {"week", with([&](BrowseFilter& f) { f.from = week_from, f.to = week_to; })},
      {"rejected+reason", with([](BrowseFilter& f) { f.outcome = Outcome::Reject, f.reason = "HAIR_EARS"; })},
      {"rare reason", with([](BrowseFilter& f) { f.reason = "RETOUCHED"; })},
      {"big city", with([](BrowseFilter& f) { f.city = "深圳"; })},
      {"small city", with([](BrowseFilter& f) { f.city = "云浮"; })},
      {"doc type", with([](BrowseFilter& f) { f.doc_type = "passport"; })},
      {"rare doc type", with([](BrowseFilter& f) { f.doc_type = "driving_licence"; })},
      {"engine disagreed", with([](BrowseFilter& f) { f.engine_disagreed = true; })},
      {"second review disagreed", with([](BrowseFilter& f) { f.second_review_disagreed = true; })},
      {"overturned", with([](BrowseFilter& f) { f.overturned = true; })},
      {"reviewer+rejected+reason",
       with([](BrowseFilter& f) { f.reviewer = "r3", f.outcome = Outcome::Reject, f.reason = "BLURRED"; })},
      {"small city+rare doc type", with([](BrowseFilter& f) { f.city = "云浮", f.doc_type = "driving_licence"; })},
      {"week+city+rejected", with([&](BrowseFilter& f) {
         f.from = week_from, f.to = week_to, f.city = "珠海", f.outcome = Outcome::Reject;
       })},
      {"reviewer+engine disagreed", with([](BrowseFilter& f) { f.reviewer = "r12", f.engine_disagreed = true; })},
      {"overturned+city", with([](BrowseFilter& f) { f.overturned = true, f.city = "深圳"; })},
      {"week+second review disagreed",
       with([&](BrowseFilter& f) { f.from = week_from, f.to = week_to, f.second_review_disagreed = true; })},
      {"doc type+reason", with([](BrowseFilter& f) { f.doc_type = "hk_macau_permit", f.reason = "BACKGROUND"; })},
  };
}

}  // namespace

namespace {
// A trainer building sets from the million decisions: the picks the CLI offers, 200 cases each.
void measure_training_builds(Store& s, const accounts::Actor& trainer, SuperviseFigures& f) {
  using store::TrainingPick;
  const std::vector<std::pair<std::string, TrainingPick>> picks = {
      {"reason", {.reason = "BLURRED", .doc_type = {}, .city = {}, .difficult = false, .limit = 200, .orders = {}}},
      {"difficult", {.reason = {}, .doc_type = {}, .city = {}, .difficult = true, .limit = 200, .orders = {}}},
      {"doc type+city",
       {.reason = {}, .doc_type = "hk_macau_permit", .city = "珠海", .difficult = false, .limit = 200, .orders = {}}},
      {"difficult+reason",
       {.reason = "BACKGROUND", .doc_type = {}, .city = {}, .difficult = true, .limit = 200, .orders = {}}},
  };
  for (const auto& [name, pick] : picks) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto info = s.create_training_set(trainer, "bench " + name, store::Feedback::End, pick);
    const BrowseTiming t{name, 0, info.cases, ms_since(t0)};
    f.training_builds.push_back(t);
    f.training_set_build_ms_max = std::max(f.training_set_build_ms_max, t.ms);
  }
}
}  // namespace

SuperviseDb make_supervise_db(const fs::path& dir, std::int64_t decisions) {
  fs::create_directories(dir);
  accounts::use_minimal_hash_cost();  // a throwaway file: its accounts guard nothing
  SuperviseDb out;
  out.path = (dir / "supervise.db").string();
  Store s(out.path);
  s.init_admin("bench-admin", out.password);
  s.add_user(
      s.sign_in("bench-admin", out.password),
      {.name = out.supervisor, .display_name = {}, .roles = {accounts::Role::Supervisor}, .password = out.password});
  s.add_user(s.sign_in("bench-admin", out.password),
             {.name = out.trainer, .display_name = {}, .roles = {accounts::Role::Trainer}, .password = out.password});
  const auto r = store::fill_for_bench(s, {.decisions = decisions, .today_ms = now_ms()});
  out.decisions = r.decisions;
  out.second_reviews = r.second_reviews;
  out.overturns = r.overturns;
  out.fill_s = r.seconds;
  out.file_mb = double(fs::file_size(out.path)) / (1024.0 * 1024.0);
  return out;
}

SuperviseFigures measure_supervise(const SuperviseDb& db) {
  SuperviseFigures f;
  Store s(db.path);
  const auto sup = s.sign_in(db.supervisor, db.password);
  std::vector<double> all;
  for (int round = 0; round < 2; ++round)
    for (const auto& c : cases()) {
      std::optional<store::BrowseKey> after;
      for (int page = 0; page <= kNextPages; ++page) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto rows = s.browse_decisions(sup, c.filter, after, kPageRows);
        const BrowseTiming t{c.name, page, int(rows.size()), ms_since(t0)};
        all.push_back(t.ms);
        if (round == 0) f.timings.push_back(t);
        if (t.ms > f.slowest.ms) f.slowest = t;
        if (int(rows.size()) < kPageRows) break;
        after = rows.back().key();
      }
    }
  f.browse_filter_ms_p95 = percentile(all, 0.95);
  f.browse_filter_ms_p50 = percentile(all, 0.50);
  std::vector<double> month;
  for (int i = 0; i < 3; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto report = s.figures(sup, {day_before(30), day_before(1)});
    month.push_back(ms_since(t0));
    f.figures_reviewers = int(report.reviewers.size());
  }
  f.figures_month_ms = percentile(month, 0.5);
  measure_training_builds(s, s.sign_in(db.trainer, db.password), f);
  return f;
}

}  // namespace rs::bench
