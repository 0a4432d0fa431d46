// Bench only (bench_fill.hpp): a month of decisions written with a handful of prepared statements
// in transactions of 50,000 decisions, synchronous off while it runs (a throwaway file: a crash
// only loses the bench's own data). The mix is what the centre sees: mostly approvals, rejections
// with one or two reasons, big cities far more often than small ones, ID cards most of all, a
// second review for one decision in twenty, some of them disagreeing, and a few overturns.
#include "core/store/bench_fill.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <deque>
#include <random>
#include <string>
#include <vector>

#include "core/domain/city.hpp"
#include "core/domain/id_number.hpp"
#include "core/store/sqlite.hpp"
#include "core/store/store.hpp"

namespace rs::store {
namespace {

constexpr Millis kDayMs = 24LL * 3600 * 1000;
constexpr Millis kHourMs = 3600LL * 1000;
constexpr Millis kCstOffsetMs = 8 * kHourMs;
constexpr std::int64_t kDecisionsPerTransaction = 50'000;

// Picks an index with the given weights.
class Weighted {
 public:
  explicit Weighted(std::vector<double> w) : d_(w.begin(), w.end()) {}
  std::size_t operator()(std::mt19937_64& rng) { return d_(rng); }

 private:
  std::discrete_distribution<std::size_t> d_;
};

struct DocKind {
  const char* code;
  char group;
};
constexpr std::array<DocKind, 6> kDocs = {{{"id_card", 'I'},
                                           {"social_security", 'S'},
                                           {"residence_permit", 'R'},
                                           {"hk_macau_permit", 'H'},
                                           {"passport", 'P'},
                                           {"driving_licence", 'D'}}};
constexpr std::array<const char*, 12> kReasons = {"BLURRED",    "BACKGROUND", "HEAD_POSE",       "LIGHTING",
                                                  "HAIR_EARS",  "ACCESSORY",  "SIZE_POSITION",   "EXPRESSION",
                                                  "FACE_GLARE", "RETOUCHED",  "FEATURES_HIDDEN", "WRONG_CITY"};
constexpr std::array<const char*, 8> kSurnames = {"张", "王", "李", "陈", "刘", "黄", "林", "欧阳"};

// The statements, prepared once for the whole fill.
struct Inserts {
  Statement order, attempt, decision, reason, second, number, overturn;
  explicit Inserts(Database& db)
      : order(db,
              "INSERT INTO orders(id, order_no, applicant_name, id_number, doc_type, city, city_letter, channel, "
              "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', ?)"),
        attempt(db,
                "INSERT INTO attempts(id, order_id, attempt_no, photo_id, previous_attempt_id, submitted_at, "
                "submitted_ms, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        decision(db,
                 "INSERT INTO decisions(id, attempt_id, decision, reviewer, workstation, lease_token, shown_at, "
                 "decided_at, decided_ms, review_ms, engine_verdict) VALUES (?, ?, ?, ?, 'bench', ?, ?, ?, ?, ?, ?)"),
        reason(db, "INSERT INTO decision_reasons(decision_id, position, code) VALUES (?, ?, ?)"),
        second(db,
               "INSERT INTO second_reviews(decision_id, first_reviewer, queued_at, queued_ms, reviewer, decision, "
               "decided_at, review_ms, agrees, resolved_by, resolved_at, resolution) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        number(db,
               "INSERT INTO image_numbers(number, decision_id, attempt_id, doc_group, city_letter, issue_date, "
               "expires_on) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        overturn(
            db,
            "INSERT INTO overturns(decision_id, attempt_id, from_decision, to_decision, supervisor, justification, "
            "overturned_at, overturned_ms, image_number) VALUES (?, ?, 'rejected', 'approved', 'sup', ?, ?, ?, ?)") {}
};

// A rejected order whose applicant will resubmit: its next attempt is decided later.
struct Resubmission {
  std::int64_t order_id, attempt_id;
};

}  // namespace

BenchFillReport fill_for_bench(Store& store, const BenchFillOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  Database& db = store.database();
  db.exec("PRAGMA synchronous=OFF");
  BenchFillReport rep;
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto chance = [&](double p) { return unit(rng) < p; };
  const auto& cities = guangdong_cities();
  // Shenzhen and Guangzhou first, the small cities rarely (a weight per city, 21 of them).
  std::vector<double> city_w(cities.size(), 1.0);
  for (std::size_t i = 0; i < cities.size(); ++i) {
    const std::string_view n = cities[i].name_zh;
    city_w[i] = n == "深圳" ? 30 : n == "广州" ? 25 : n == "东莞" ? 10 : n == "佛山" ? 9 : 1.2;
  }
  Weighted city_of(city_w), doc_of({55, 18, 10, 9, 5, 3});
  Weighted reason_of({25, 18, 12, 10, 8, 7, 6, 5, 4, 2, 2, 1});
  std::lognormal_distribution<double> review_s(std::log(9.0), 0.6);

  const Millis today_start = (o.today_ms + kCstOffsetMs) / kDayMs * kDayMs - kCstOffsetMs;
  const Millis first_day = today_start - o.days * kDayMs;
  const std::int64_t per_day = (o.decisions + o.days - 1) / o.days;

  std::int64_t photo_id = 0;
  {
    Statement photo(db,
                    "INSERT INTO photos(sha256, bytes, byte_count, created_at) VALUES ('bench', x'ffd8ffd9', 4, ?)");
    photo.bind(1, iso8601_cst(first_day)).run();
    photo_id = db.last_insert_id();
  }
  Inserts in(db);
  std::deque<Resubmission> resubmissions;
  std::int64_t order_id = 0, attempt_id = 0;
  char buf[64];
  for (std::int64_t done = 0; done < o.decisions;) {
    Transaction tx(db);
    const std::int64_t batch_end = std::min(o.decisions, done + kDecisionsPerTransaction);
    for (; done < batch_end; ++done) {
      const std::int64_t id = done + 1;  // decision id, in time order as in a real file
      // Spread evenly over each day's 08:00-20:00 CST, so ids and decided_ms both ascend.
      const std::int64_t day = done / per_day, in_day = done % per_day;
      const Millis decided = first_day + day * kDayMs + 8 * kHourMs + in_day * (12 * kHourMs) / per_day;
      const std::int64_t review_ms = std::min<std::int64_t>(600'000, std::int64_t(review_s(rng) * 1000) + 800);
      const Millis submitted = decided - review_ms - std::int64_t(unit(rng) * 2 * kHourMs);
      const std::string reviewer = "r" + std::to_string(1 + rng() % std::uint64_t(o.reviewers));
      const bool approved = chance(0.8);
      const char* verdict = chance(0.03) ? nullptr
                            : approved   ? (chance(0.9) ? "pass" : "fail")
                                         : (chance(0.85) ? "fail" : "pass");
      const std::string decided_at = iso8601_cst(decided);

      // A resubmitted order's next attempt, or a new order.
      std::int64_t this_order = 0, attempt_no = 1;
      std::optional<std::int64_t> previous;
      if (!resubmissions.empty() && chance(0.05)) {
        this_order = resubmissions.front().order_id;
        previous = resubmissions.front().attempt_id;
        attempt_no = 2;
        resubmissions.pop_front();
      } else {
        this_order = ++order_id;
        const auto& city = cities[city_of(rng)];
        const DocKind& doc = kDocs[doc_of(rng)];
        std::snprintf(buf, sizeof buf, "G%09lld", static_cast<long long>(this_order));
        const std::string surname = kSurnames[rng() % kSurnames.size()];
        char id17[18];
        std::snprintf(id17, sizeof id17, "440301%04d%02d%02d%03d", int(1950 + rng() % 55), int(1 + rng() % 12),
                      int(1 + rng() % 28), int(rng() % 1000));
        in.order.bind(1, this_order)
            .bind(2, buf)
            .bind(3, surname + "某某")
            .bind(4, std::string(id17) + id_number_check_char(id17))
            .bind(5, doc.code)
            .bind(6, city.name_zh)
            .bind(7, std::string(1, city.letter))
            .bind(8, iso8601_cst(submitted))
            .run();
        ++rep.orders;
      }
      in.attempt.bind(1, ++attempt_id)
          .bind(2, this_order)
          .bind(3, attempt_no)
          .bind(4, photo_id)
          .bind(5, previous)
          .bind(6, iso8601_cst(submitted))
          .bind(7, submitted)
          .bind(8, approved ? "approved" : "rejected")
          .run();
      ++rep.attempts;
      in.decision.bind(1, id)
          .bind(2, attempt_id)
          .bind(3, approved ? "approved" : "rejected")
          .bind(4, reviewer)
          .bind(5, attempt_id)
          .bind(6, iso8601_cst(decided - review_ms))
          .bind(7, decided_at)
          .bind(8, decided)
          .bind(9, review_ms)
          .bind(10, verdict ? std::optional<std::string>(verdict) : std::nullopt)
          .run();
      ++rep.decisions;
      if (!approved) {
        const std::size_t first = reason_of(rng);
        in.reason.bind(1, id).bind(2, 0).bind(3, kReasons[first]).run();
        if (chance(0.25))
          if (const std::size_t second = reason_of(rng); second != first)
            in.reason.bind(1, id).bind(2, 1).bind(3, kReasons[second]).run();
        if (attempt_no == 1 && chance(0.3)) resubmissions.push_back({this_order, attempt_id});
      }
      if (chance(0.05)) {  // drawn for a blind second review, decided within the hour
        const bool agrees = chance(0.92);
        std::string second = reviewer;
        while (second == reviewer) second = "r" + std::to_string(1 + rng() % std::uint64_t(o.reviewers));
        const bool resolved = !agrees && decided < today_start - 3 * kDayMs;
        in.second.bind(1, id)
            .bind(2, reviewer)
            .bind(3, decided_at)
            .bind(4, decided)
            .bind(5, second)
            .bind(6, (approved == agrees) ? "approved" : "rejected")
            .bind(7, iso8601_cst(decided + kHourMs))
            .bind(8, std::int64_t(review_s(rng) * 1000))
            .bind(9, agrees ? 1 : 0)
            .bind(10, resolved ? std::optional<std::string>("sup") : std::nullopt)
            .bind(11, resolved ? std::optional<std::string>(iso8601_cst(decided + kDayMs)) : std::nullopt)
            .bind(12, resolved ? std::optional<std::string>("kept") : std::nullopt)
            .run();
        ++rep.second_reviews;
        rep.disagreements += !agrees;
      }
      if (!approved && chance(0.01)) {  // a supervisor turned the rejection into an approval
        const LocalDate on = local_date_cst(decided + kDayMs);
        std::snprintf(buf, sizeof buf, "BENCH%010lld", static_cast<long long>(id));
        in.number.bind(1, buf)
            .bind(2, id)
            .bind(3, attempt_id)
            .bind(4, "I")
            .bind(5, "B")
            .bind(6, date_text(on))
            .bind(7, date_text(add_days(on, 180)))
            .run();
        in.overturn.bind(1, id)
            .bind(2, attempt_id)
            .bind(3, "the photo meets the standard")
            .bind(4, iso8601_cst(decided + kDayMs))
            .bind(5, decided + kDayMs)
            .bind(6, buf)
            .run();
        ++rep.overturns;
      }
    }
    tx.commit();
  }
  db.exec("PRAGMA synchronous=NORMAL");  // what Store's constructor set
  rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return rep;
}

}  // namespace rs::store
