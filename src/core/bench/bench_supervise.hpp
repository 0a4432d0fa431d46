#pragma once
// The supervisors' figures for `bench`: the decision browser and the figures per reviewer on a
// generated database of a million decisions (store/bench_fill.hpp).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace rs::bench {

struct SuperviseDb {
  std::string path;
  std::string supervisor = "sup", password = "bench-password";  // a supervisor account of that file
  std::string trainer = "tr";                                   // a trainer, same password
  std::int64_t decisions = 0, second_reviews = 0, overturns = 0;
  double fill_s = 0;  // writing the decisions, seconds
  double file_mb = 0;
};

// A new file under `dir` with `decisions` decisions over the 30 days before today (CST), and a
// supervisor account.
SuperviseDb make_supervise_db(const std::filesystem::path& dir, std::int64_t decisions);

struct BrowseTiming {
  std::string filter;  // the case's name
  int page = 0;        // 0: the first page
  int rows = 0;
  double ms = 0;
};

struct SuperviseFigures {
  double browse_filter_ms_p95 = 0;  // over every first and next page of every case, two rounds
  double browse_filter_ms_p50 = 0;
  BrowseTiming slowest;
  std::vector<BrowseTiming> timings;  // the first round, for profiling
  double figures_month_ms = 0;        // Store::figures over the last 30 days (median of 3)
  int figures_reviewers = 0;
  // Store::create_training_set on the million decisions, one timing per kind of pick (by reason,
  // difficult cases, by document type and city, a reason among difficult cases), each 200 cases.
  std::vector<BrowseTiming> training_builds;  // filter: the pick's name, rows: the cases taken
  double training_set_build_ms_max = 0;
};

// The fixed set of filters (no filter, a reviewer, a week, rejections with a reason, a city, a
// document type, the three checkboxes and combinations): each one's first page of 200 rows and up
// to three next pages.
SuperviseFigures measure_supervise(const SuperviseDb& db);

}  // namespace rs::bench
