// The figures per reviewer (core/figures/reviewer_figures.hpp) over a period, read with a few
// grouped queries on decisions_decided (decided_ms) instead of one query per reviewer.
#include <array>
#include <cstdio>
#include <limits>
#include <map>

#include "core/figures/agreement.hpp"
#include "core/findings/decision_record.hpp"
#include "core/findings/measure.hpp"
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"
#include "core/util/percentile.hpp"

namespace rs::store {
using figures::ReviewerFigures;
using Why = Refusal::Why;

namespace {
constexpr Millis kDayMs = 24LL * 3600 * 1000;
constexpr Millis kCstOffsetMs = 8LL * 3600 * 1000;

// "2026-12-05" as the first millisecond of that day in China Standard Time.
Millis day_start_cst(const std::string& date, const char* flag) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 ||
      d < 1 || d > days_in_month(y, m))
    throw Refusal(Why::BadQuery, std::string(flag) + " takes a date like 2026-12-05, not '" + date + "'");
  return days_from_civil({y, m, d}) * kDayMs - kCstOffsetMs;
}

}  // namespace

Period period_of(const FiguresQuery& q) {
  Period p;
  if (!q.from.empty()) p.from = day_start_cst(q.from, "--from");
  if (!q.to.empty()) p.to = day_start_cst(q.to, "--to") + kDayMs;  // the whole last day
  if (p.to <= p.from) throw Refusal(Why::BadQuery, "the period ends (" + q.to + ") before it starts (" + q.from + ")");
  return p;
}

namespace {
constexpr Millis kHourMs = 3600LL * 1000;

double ratio(long long part, long long whole) { return whole > 0 ? double(part) / double(whole) : 0.0; }

// Per reviewer: the figures, and the review times of the period and of each of its days (one
// vector per entry of f.days, in the same order).
struct Acc {
  ReviewerFigures f;
  std::vector<double> times;
  std::vector<std::vector<double>> day_times;
  std::map<std::int64_t, std::size_t> day_index;  // CST day number -> entry of f.days
};

struct HourCounts {
  std::int64_t decisions, approvals, engine_judged, engine_agreed;
};

// The CST day number of a moment, as migration 018 keeps it: (ms + 8 h) / 24 h.
std::int64_t cst_day(Millis ms) { return (ms + kCstOffsetMs) / kDayMs; }

// One reviewer_hours row into the reviewer's figures; rows come in time order per reviewer.
void add_hour(Acc& acc, std::int64_t hour, const HourCounts& n) {
  auto& f = acc.f;
  f.decisions += n.decisions;
  f.approvals += n.approvals;
  f.engine_judged += n.engine_judged;
  f.engine_agreed += n.engine_agreed;
  ++f.active_hours;
  const std::int64_t day = cst_day(hour * kHourMs);
  if (acc.day_index.empty() || acc.day_index.rbegin()->first != day) {
    acc.day_index[day] = f.days.size();
    f.days.push_back({date_text(local_date_cst(hour * kHourMs)), 0, 0, 0});
    acc.day_times.emplace_back();
  }
  f.days.back().decisions += n.decisions;
  f.days.back().approvals += n.approvals;
}

// One reviewer_day_times row: `n` review times of the bucket whose midpoint is `ms`.
void add_times(Acc& acc, std::int64_t day, std::int64_t ms, std::int64_t n) {
  const auto at = acc.day_index.find(day);
  for (std::int64_t i = 0; i < n; ++i) {
    acc.times.push_back(double(ms));
    if (at != acc.day_index.end()) acc.day_times[at->second].push_back(double(ms));
  }
}
}  // namespace

figures::FiguresReport Store::figures(const accounts::Actor& supervisor, const FiguresQuery& query) {
  require_role(supervisor, accounts::Role::Supervisor, "the reviewers' figures");
  const Period p = period_of(query);
  auto& sql = impl_->sql;
  std::map<std::string, Acc> by_name;
  {
    // The period's reviewer_hours rows (migrations 014, 018), each reviewer's hours in time order,
    // so each of its days comes as one run of rows.
    auto q =
        sql("SELECT reviewer, hour, decisions, approvals, engine_judged, engine_agreed FROM reviewer_hours "
            "WHERE hour >= ?1 AND hour < ?2 AND reviewer <> 'system' ORDER BY reviewer, hour");
    q->bind(1, p.from / kHourMs).bind(2, p.to / kHourMs);  // whole CST days are whole hours
    std::string name;
    Acc* acc = nullptr;
    while (q->step()) {
      if (std::string next = q->text(0); !acc || next != name) {
        name = std::move(next);
        acc = &by_name[name];
        acc->f.reviewer = name;
      }
      add_hour(*acc, q->int64(1), HourCounts{q->int64(2), q->int64(3), q->int64(4), q->int64(5)});
    }
  }
  // The period's days: whole CST days (period_of), so each day lies wholly inside or outside.
  const std::int64_t first_day = cst_day(p.from);
  const std::int64_t end_day =
      p.to == std::numeric_limits<Millis>::max() ? std::numeric_limits<std::int64_t>::max() : cst_day(p.to);
  {
    auto q =
        sql("SELECT reviewer, day, review_ms, n FROM reviewer_day_times WHERE day >= ?1 AND day < ?2 "
            "AND reviewer <> 'system'");
    q->bind(1, first_day).bind(2, end_day);
    while (q->step())
      if (auto it = by_name.find(q->text(0)); it != by_name.end())
        add_times(it->second, q->int64(1), q->int64(2), q->int64(3));
  }
  {
    auto q =
        sql("SELECT reviewer, code, SUM(n) FROM reviewer_day_reasons WHERE day >= ?1 AND day < ?2 "
            "AND reviewer <> 'system' GROUP BY reviewer, code");
    q->bind(1, first_day).bind(2, end_day);
    while (q->step())
      if (auto it = by_name.find(q->text(0)); it != by_name.end()) it->second.f.reasons[q->text(1)] = q->int64(2);
  }
  {
    auto q =
        // CROSS JOIN: from the few overturns to their decisions, not from every decision of the
        // period to its overturn (300 ms for a month of a million decisions).
        sql("SELECT d.reviewer, COUNT(*) FROM overturns o CROSS JOIN decisions d ON d.id = o.decision_id "
            "WHERE d.decided_ms >= ?1 AND d.decided_ms < ?2 GROUP BY d.reviewer");
    q->bind(1, p.from).bind(2, p.to);
    while (q->step())
      if (auto it = by_name.find(q->text(0)); it != by_name.end()) it->second.f.overturns = q->int64(1);
  }
  figures::FiguresReport report;
  report.from = query.from;
  report.to = query.to;
  {
    // Second reviews of the period's decisions: per first reviewer a 2x2 table for kappa, and the
    // pairwise agreement of first and second reviewer.
    auto q =
        // The second review keeps the first reviewer, whether they agreed, and the decision's time
        // (queued in the decision's transaction): no look-up of 50,000 decisions (170 ms a month).
        sql("SELECT first_reviewer, reviewer, (CASE WHEN decision = 'approved' THEN 1 ELSE 0 END) = agrees, "
            "decision = 'approved', COUNT(*) "
            "FROM second_reviews WHERE decision IS NOT NULL AND queued_ms >= ?1 AND queued_ms < ?2 "
            "GROUP BY 1, 2, 3, 4");
    q->bind(1, p.from).bind(2, p.to);
    std::map<std::string, std::array<long long, 4>> tables;  // a, b, c, d of cohen_kappa_2x2
    std::map<std::pair<std::string, std::string>, figures::PairAgreement> pairs;
    while (q->step()) {
      const std::string first = q->text(0), second = q->text(1);
      const bool first_approved = q->int64(2) != 0, second_approved = q->int64(3) != 0;
      const long long n = q->int64(4);
      tables[first][(first_approved ? 0 : 2) + (second_approved ? 0 : 1)] += n;
      auto& pair = pairs[{first, second}];
      pair.first = first;
      pair.second = second;
      pair.reviews += n;
      pair.agreements += first_approved == second_approved ? n : 0;
    }
    for (auto& [name, t] : tables) {
      auto it = by_name.find(name);
      if (it == by_name.end()) continue;
      auto& f = it->second.f;
      f.second_reviews = t[0] + t[1] + t[2] + t[3];
      f.second_agreements = t[0] + t[3];
      if (f.second_reviews >= figures::kMinSecondReviewsForKappa)
        f.kappa = figures::cohen_kappa_2x2(t[0], t[1], t[2], t[3]);
    }
    for (auto& [key, pair] : pairs) report.pairs.push_back(pair);
  }
  for (auto& [name, acc] : by_name) {
    auto& f = acc.f;
    f.review_ms_p50 = percentile(acc.times, 0.50);
    f.review_ms_p90 = percentile(std::move(acc.times), 0.90);
    f.per_hour = ratio(f.decisions, f.active_hours);
    f.approval_rate = ratio(f.approvals, f.decisions);
    if (f.engine_judged > 0) f.engine_agreement = ratio(f.engine_agreed, f.engine_judged);
    f.overturn_rate = ratio(f.overturns, f.decisions);
    for (std::size_t i = 0; i < f.days.size(); ++i) f.days[i].review_ms_p50 = percentile(acc.day_times[i], 0.50);
    report.reviewers.push_back(std::move(f));
  }
  return report;
}

// The reason code a rule suggests when it fails (its measure's), "" for a rule without one.
std::string reason_of_rule(const std::string& rule) {
  static const std::map<std::string, std::string> reasons = [] {  // built once, thread-safe
    std::map<std::string, std::string> m;
    for (const auto& id : findings::known_rule_ids()) m[id] = std::string(findings::make_measure(id)->reason());
    return m;
  }();
  const auto it = reasons.find(rule);
  return it == reasons.end() ? std::string() : it->second;
}

figures::JudgedDecision judged_decision(Statement& q) {
  figures::JudgedDecision d;
  d.order_no = q.text(0);
  d.attempt_no = int(q.int64(1));
  d.approved = q.int64(2) != 0;
  const std::string codes = q.text(4);
  for (std::size_t at = 0; at < codes.size();) {
    const std::size_t comma = std::min(codes.find(',', at), codes.size());
    d.reasons.insert(codes.substr(at, comma - at));
    at = comma + 1;
  }
  try {
    for (const auto& f : findings::read_decision_record(q.text(3)).findings) {
      if (f.verdict == findings::Verdict::Fail) d.failed_rules.insert(f.rule_id);
      if (f.verdict == findings::Verdict::Pass) d.passed_rules.insert(f.rule_id);
    }
  } catch (const std::invalid_argument&) {
    // A record nobody can read says nothing about any rule.
  }
  return d;
}

std::vector<figures::OverruledRule> Store::overruled_rules(const accounts::Actor& supervisor,
                                                           const FiguresQuery& query) {
  require_role(supervisor, accounts::Role::Supervisor, "the rules reviewers overrule");
  const Period p = period_of(query);
  auto q = impl_->sql(
      "SELECT o.order_no, a.attempt_no, d.decision = 'approved', d.findings_json, "
      "COALESCE((SELECT group_concat(r.code) FROM decision_reasons r WHERE r.decision_id = d.id), '') "
      "FROM decisions d JOIN attempts a ON a.id = d.attempt_id JOIN orders o ON o.id = a.order_id "
      "WHERE d.decided_ms >= ?1 AND d.decided_ms < ?2 AND d.reviewer <> 'system' AND d.engine_verdict IS NOT NULL "
      "ORDER BY d.decided_ms",
      // PostgreSQL: string_agg for group_concat
      "SELECT o.order_no, a.attempt_no, d.decision = 'approved', d.findings_json, "
      "COALESCE((SELECT string_agg(r.code, ',' ORDER BY r.position) FROM decision_reasons r WHERE r.decision_id = "
      "d.id), '') "
      "FROM decisions d JOIN attempts a ON a.id = d.attempt_id JOIN orders o ON o.id = a.order_id "
      "WHERE d.decided_ms >= ?1 AND d.decided_ms < ?2 AND d.reviewer <> 'system' AND d.engine_verdict IS NOT NULL "
      "ORDER BY d.decided_ms");
  q->bind(1, p.from).bind(2, p.to);
  std::vector<figures::JudgedDecision> decisions;
  while (q->step()) decisions.push_back(judged_decision(*q));
  return figures::overruled_rules(decisions, reason_of_rule);
}

}  // namespace rs::store
