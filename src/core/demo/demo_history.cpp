#include "core/demo/demo_history.hpp"

#include <array>
#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/demo/demo_accounts.hpp"
#include "core/domain/id_number.hpp"
#include "core/util/clock.hpp"

namespace rs::demo {
namespace {
constexpr Millis kHourMs = 3600LL * 1000;
constexpr Millis kDayMs = 24 * kHourMs;
constexpr const char* kWorkstation = "demo-history";

// The history happens in the past: the store's clock (util/clock.hpp, the seam tests use) is set to
// each event's moment and restored afterwards, whatever happens.
class PastClock {
 public:
  PastClock() {
    set_clock_for_tests([this] { return at_; });
  }
  ~PastClock() { set_clock_for_tests(nullptr); }
  PastClock(const PastClock&) = delete;
  PastClock& operator=(const PastClock&) = delete;
  void set(Millis at) { at_ = at; }

 private:
  Millis at_ = 0;
};

// A deterministic stream of numbers, so every demo database tells the same story.
struct Dice {
  std::uint64_t state;
  int roll(int sides) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return int((state >> 33) % std::uint64_t(sides));
  }
};

// Findings as a workstation records them (version 2): the face-width rule failed or passed.
const char* findings(bool engine_fails) {
  return engine_fails
             ? R"({"v":2,"spec":"demo","fail":{"geometry":[["face_width",0.52,35]]},"warn":{},"pass":{},"cannot_assess":{}})"
             : R"({"v":2,"spec":"demo","fail":{},"warn":{},"pass":{"geometry":[["face_width",0.71,92]]},"cannot_assess":{}})";
}

store::NewOrder history_order(int seq, const std::vector<std::uint8_t>& photo, Millis submitted) {
  static const char* kSurnames[] = {"林", "何", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董"};
  static const char* kGiven[] = {"晓明", "丽", "建国", "婷", "志强", "欣怡", "浩", "雪", "俊杰", "佳", "宇", "敏"};
  static const char* kCities[] = {"深圳市", "广州市", "东莞", "佛山市", "珠海市", "惠州市"};
  static const char* kDocs[] = {"身份证", "身份证", "社保卡", "居住证", "港澳通行证"};
  store::NewOrder o;
  char no[32], id17[18];
  std::snprintf(no, sizeof no, "HIST%06d", seq);
  std::snprintf(id17, sizeof id17, "4419%02d19%02d%02d%02d%03d", 1 + seq % 9, 70 + seq % 30, 1 + seq % 12, 1 + seq % 28,
                seq % 1000);
  o.order_no = no;
  o.applicant_name = std::string(kSurnames[seq % 12]) + kGiven[(seq * 5) % 12];
  o.id_number = std::string(id17) + id_number_check_char(id17);
  o.doc_type = kDocs[seq % 5];
  o.city = kCities[seq % 6];
  o.channel = seq % 4 == 0 ? "alipay" : "wechat";
  o.submitted_at = iso8601_cst(submitted);
  o.photo = photo;
  return o;
}

// Each reviewer's habits: how often they approve, how closely they follow the engine, their pace.
struct Habit {
  const char* name;
  int approve_pct, follows_engine_pct, base_review_s;
};
constexpr std::array<Habit, 3> kHabits = {{{"r1", 78, 92, 14}, {"r2", 70, 85, 22}, {"r3", 84, 75, 9}}};
constexpr const char* kReasons[] = {"BLURRED", "HAIR_EARS", "BACKGROUND", "EXPRESSION", "LIGHTING", "SIZE_POSITION"};

class History {
 public:
  History(const std::string& db, const std::vector<std::vector<std::uint8_t>>& photos)
      : store_(db, {.second_review_share = 0.12}), photos_(photos) {
    for (const auto& h : kHabits) reviewers_.push_back(store_.sign_in(h.name, kDemoPassword));
    supervisor_.emplace(store_.sign_in("sup", kDemoPassword));
  }

  void day(Millis day_start, int orders) {
    Millis t = day_start + 9 * kHourMs;  // 09:00 CST
    for (int i = 0; i < orders; ++i) {
      clock_.set(t - 2 * kHourMs);
      const int seq = ++seq_;
      auto item = store_.enqueue(history_order(seq, photos_[std::size_t(seq) % photos_.size()], t - 2 * kHourMs));
      if (item.status != store::IngestItem::Status::Enqueued)
        throw std::runtime_error("demo history: order " + item.order_no + " refused: " + item.error);
      const std::size_t who = std::size_t(dice_.roll(3));
      t += decide(who, t) + 20'000 + dice_.roll(90) * 1000LL;
    }
    second_reviews(t);
  }

  void overturn_some(int how_many) {
    for (int n = 0; n < how_many; ++n) {
      char no[32];
      std::snprintf(no, sizeof no, "HIST%06d", 7 + 11 * n);
      const bool was_approved = first_decision(no) == "approved";
      store::OverturnRequest r{
          no, was_approved ? "复核发现耳朵被头发遮挡（演示数据）" : "复核认为照片合格（演示数据）", {}, ""};
      if (was_approved) r.reasons = {"HAIR_EARS"};
      store_.overturn(*supervisor_, r);
      ++report.overturns;
    }
  }

  HistoryReport report;

 private:
  // Claims the oldest order as reviewer `who` at `t` and decides it; returns the review time.
  Millis decide(std::size_t who, Millis t) {
    const Habit& h = kHabits[who];
    clock_.set(t);
    auto claim = store_.claim_next(reviewers_[who], kWorkstation);
    if (!claim) throw std::runtime_error("demo history: the order just enqueued was not claimed");
    const bool engine_fails = dice_.roll(100) >= 72;
    bool approve = dice_.roll(100) < h.approve_pct;
    if (dice_.roll(100) < h.follows_engine_pct) approve = !engine_fails;
    const Millis review = (h.base_review_s + dice_.roll(h.base_review_s * 2)) * 1000LL;
    store::DecisionRequest r{claim->attempt.id, claim->lease.token, kWorkstation,
                             approve ? store::Outcome::Approve : store::Outcome::Reject};
    if (!approve) r.reasons = {kReasons[dice_.roll(6)]};
    r.findings_json = findings(engine_fails);
    r.shown_ms = t;
    clock_.set(t + review);
    store_.decide(reviewers_[who], r);
    decided_[claim->order.order_no] = approve ? "approved" : "rejected";
    ++report.decisions;
    return review;
  }

  // The day's drawn decisions, second-reviewed after hours by a colleague or the supervisor; about
  // one in eight disagrees.
  void second_reviews(Millis t) {
    for (int k = 0;; ++k) {
      clock_.set(t + k * 60'000LL);
      const accounts::Actor& who = k % 4 == 3 ? *supervisor_ : reviewers_[std::size_t(k % 3)];
      auto c = store_.claim_second_review(who, kWorkstation);
      if (!c) {
        if (k % 4 == 3) break;  // the supervisor found nothing: the day's list is done
        continue;
      }
      const std::string first = first_decision(c->order.order_no);
      bool approve = first == "approved";
      if (dice_.roll(8) == 0) approve = !approve;
      store::SecondReviewRequest r{c->id, c->lease_token, kWorkstation,
                                   approve ? store::Outcome::Approve : store::Outcome::Reject};
      if (!approve) r.reasons = {kReasons[dice_.roll(6)]};
      const auto row = store_.decide_second_review(who, r);
      ++report.second_reviews;
      report.disagreements += row.agrees == std::optional<bool>(false);
    }
  }

  // The second reviewer is blind, but the demo's script knows the first decision to agree with it.
  std::string first_decision(const std::string& order_no) const {
    const auto it = decided_.find(order_no);
    return it == decided_.end() ? std::string() : it->second;
  }

  store::Store store_;
  const std::vector<std::vector<std::uint8_t>>& photos_;
  std::vector<accounts::Actor> reviewers_;
  std::optional<accounts::Actor> supervisor_;
  std::map<std::string, std::string> decided_;  // order number -> approved | rejected
  PastClock clock_;
  Dice dice_{20261205};
  int seq_ = 0;
};
}  // namespace

HistoryReport fill_demo_history(const std::string& db_path, const std::vector<std::vector<std::uint8_t>>& photos,
                                int days, int per_day) {
  if (photos.empty()) throw std::invalid_argument("demo history needs photos");
  const Millis today = (now_ms() + 8 * kHourMs) / kDayMs * kDayMs - 8 * kHourMs;  // 00:00 CST today
  History h(db_path, photos);
  for (int d = days; d >= 1; --d) h.day(today - d * kDayMs, per_day);
  h.overturn_some(3);
  return h.report;
}

}  // namespace rs::demo
