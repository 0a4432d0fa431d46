// Gold cases in the live queue: a certified reviewer's claim takes one at gold.rate, drawn inside
// the claim's own transaction, and the workstation cannot tell it from an order: a fresh order
// number shaped like the newest real one, a stand-in applicant (the real one is nobody's business
// here), the source attempt's photo and document type, so the same findings panels. The delivery
// travels as attempt id -delivery_id through the calls an order uses (load_claim, renew_lease,
// release, analysis_started, decide); none of them touches the source order's rows.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

#include "core/domain/id_number.hpp"
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"

namespace rs::store {
using nlohmann::json;

namespace {
int draw(std::mt19937_64& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }

std::string stand_in_name(std::mt19937_64& rng) {
  static const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                    "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "梁"};
  static const char* kGiven[] = {"伟",   "芳",   "娜",   "敏",   "静",   "磊",   "洋",   "勇",   "艳",   "杰",
                                 "晓明", "建华", "丽娟", "志强", "秀英", "俊杰", "嘉欣", "子豪", "雨桐", "文博"};
  return std::string(kSurnames[draw(rng, 0, 19)]) + kGiven[draw(rng, 0, 19)];
}

// The source's region (its first six digits) keeps the number plausible for the order's city; the
// birth date and sequence are drawn, the check character computed.
std::string stand_in_id_number(std::mt19937_64& rng, const std::string& source) {
  std::string region = source.size() >= 6 ? source.substr(0, 6) : "";
  if (region.size() != 6 || region.find_first_not_of("0123456789") != std::string::npos) region = "440300";
  char first17[18];
  std::snprintf(first17, sizeof first17, "%s%04d%02d%02d%03d", region.c_str(), draw(rng, 1960, 2006), draw(rng, 1, 12),
                draw(rng, 1, 28), draw(rng, 0, 999));
  return std::string(first17) + id_number_check_char(first17);
}

bool order_no_taken(StatementCache& sql, const std::string& no) {
  auto q = sql("SELECT 1 FROM orders WHERE order_no = ?1 UNION ALL SELECT 1 FROM gold_deliveries WHERE order_no = ?1");
  q->bind(1, no);
  return q->step();
}

// The digits after `prefix` of `no` when that is all there is after it (at most 18), else nothing.
std::optional<long long> number_after(const std::string& no, const std::string& prefix) {
  if (no.size() <= prefix.size() || no.size() - prefix.size() > 18 || no.compare(0, prefix.size(), prefix) != 0)
    return std::nullopt;
  for (std::size_t i = prefix.size(); i < no.size(); ++i)
    if (no[i] < '0' || no[i] > '9') return std::nullopt;
  return std::stoll(no.substr(prefix.size()));
}

// Shaped like the order at the head of the queue (the one it is hidden among): its prefix, then as
// many digits. A gap between the lowest and the highest number of that shape is tried first, then
// just above the highest; never a number an order or an earlier delivery holds now. An order
// that arrives later under the same number is told apart by the tables (gold_deliveries vs
// orders); only its reviewer might notice the number twice.
std::string fresh_order_no(StatementCache& sql, std::mt19937_64& rng) {
  std::string head = "GD000000";
  {
    auto q =
        sql("SELECT o.order_no FROM attempts a JOIN orders o ON o.id = a.order_id WHERE a.status = 'pending' "
            "ORDER BY a.priority DESC, a.submitted_ms, a.id LIMIT 1");
    if (q->step()) head = q->text(0);
  }
  std::size_t cut = head.size();
  while (cut > 0 && head[cut - 1] >= '0' && head[cut - 1] <= '9' && head.size() - cut < 9) --cut;
  const std::string prefix = head.substr(0, cut);
  const int width = cut < head.size() ? int(head.size() - cut) : 6;
  // The lowest and highest numbers of that shape, read from the order_no index without a scan.
  auto end_of_shape = [&](const char* sql_text) {
    auto q = sql(sql_text);
    q->bind(1, prefix).bind(2, prefix + "\x7f").bind(3, std::int64_t(prefix.size() + std::size_t(width)));
    return q->step() ? number_after(q->text(0), prefix) : std::nullopt;
  };
  const long long low = end_of_shape(
                            "SELECT order_no FROM orders WHERE order_no > ?1 AND order_no < ?2 AND length(order_no) = "
                            "?3 ORDER BY order_no LIMIT 1")
                            .value_or(0);
  const long long top = std::max(low, end_of_shape("SELECT order_no FROM orders WHERE order_no > ?1 AND order_no < ?2 "
                                                   "AND length(order_no) = ?3 ORDER BY order_no DESC LIMIT 1")
                                          .value_or(0));
  auto shaped = [&](long long v) {
    const std::string digits = std::to_string(v);
    return prefix + std::string(std::size_t(std::max(0, width - int(digits.size()))), '0') + digits;
  };
  for (int i = 0; i < 16 && top > low; ++i)
    if (auto no = shaped(top - draw(rng, 1, int(std::min<long long>(top - low, 1'000'000)))); !order_no_taken(sql, no))
      return no;
  for (long long step = 1;; step += draw(rng, 1, 3))
    if (auto no = shaped(top + step); !order_no_taken(sql, no)) return no;
}
}  // namespace

std::optional<Lease> Store::maybe_deliver_gold(const std::string& reviewer, const std::string& owner, Millis now,
                                               Millis head_submitted_ms, double rate) {
  auto& sql = impl_->sql;
  auto& rng = impl_->gold_random;
  if (rate <= 0.0 || std::uniform_real_distribution<double>(0.0, 1.0)(rng) >= rate) return std::nullopt;
  // Never the reviewer's own decision, never a case they had before (answered, skipped or held).
  std::vector<std::pair<std::int64_t, std::string>> cases;  // (gold case, the source applicant's ID number)
  {
    auto q =
        sql("SELECT g.id, o.id_number FROM gold_cases g JOIN attempts a ON a.id = g.attempt_id JOIN orders o ON o.id "
            "= a.order_id WHERE g.original_reviewer <> ?1 AND NOT EXISTS (SELECT 1 FROM gold_deliveries d WHERE "
            "d.gold_case_id = g.id AND d.reviewer = ?1) ORDER BY g.id");
    q->bind(1, reviewer);
    while (q->step()) cases.push_back({q->int64(0), q->text(1)});
  }
  if (cases.empty()) return std::nullopt;
  const auto& [case_id, source_id] = cases[std::size_t(draw(rng, 0, int(cases.size()) - 1))];
  // Submitted a little after the order it is hidden among: it sits beside it in the queue panel.
  const Millis submitted = std::min(now, head_submitted_ms + draw(rng, 0, 60'000));
  const std::string order_no = fresh_order_no(sql, rng);
  const std::int64_t token = impl_->next_fencing_token();
  const Millis expires = now + impl_->options.lease_ms;
  auto ins =
      sql("INSERT INTO gold_deliveries(gold_case_id, reviewer, order_no, applicant_name, id_number, submitted_at, "
          "submitted_ms, delivered_ms, lease_owner, lease_token, lease_expires_ms) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  ins->bind(1, case_id).bind(2, reviewer).bind(3, order_no).bind(4, stand_in_name(rng));
  ins->bind(5, stand_in_id_number(rng, source_id)).bind(6, iso8601_cst(submitted)).bind(7, submitted);
  ins->bind(8, now).bind(9, owner).bind(10, token).bind(11, expires).run();
  const std::int64_t id = impl_->db.last_insert_id();
  impl_->audit(reviewer, "gold_deliver", order_no,
               json{{"delivery", id}, {"gold_case", case_id}, {"owner", owner}, {"lease_token", token}}.dump());
  return Lease{-id, owner, token, expires, now};
}

Claim Store::load_gold_claim(const Lease& lease) {
  auto q = impl_->sql(
      "SELECT d.order_no, d.applicant_name, d.id_number, d.submitted_at, d.submitted_ms, g.attempt_id FROM "
      "gold_deliveries d JOIN gold_cases g ON g.id = d.gold_case_id WHERE d.id = ?1");
  q->bind(1, -lease.attempt_id);
  if (!q->step()) throw Refusal(Refusal::Why::UnknownAttempt, "no order behind lease " + std::to_string(lease.token));
  Claim c;
  c.lease = lease;
  const AttemptInfo source = impl_->load_attempt(q->int64(5));
  const OrderInfo source_order = impl_->load_order(source.order_id);
  c.order = source_order;  // document type, city, channel: the photo is judged by the same spec
  c.order.id = lease.attempt_id;
  c.order.order_no = q->text(0);
  c.order.applicant_name = q->text(1);
  c.order.id_number = q->text(2);
  c.attempt.id = lease.attempt_id;
  c.attempt.order_id = lease.attempt_id;
  c.attempt.attempt_no = 1;
  c.attempt.photo_id = source.photo_id;
  c.attempt.photo_sha256 = source.photo_sha256;
  c.attempt.submitted_at = q->text(3);
  c.attempt.submitted_ms = q->int64(4);
  c.attempt.status = "pending";
  c.photo = impl_->load_photo(source.photo_id);
  return c;
}

bool Store::renew_gold(const accounts::Actor& reviewer, std::int64_t attempt_id, std::int64_t token) {
  auto up = impl_->sql(
      "UPDATE gold_deliveries SET lease_expires_ms = ?1 WHERE id = ?2 AND lease_token = ?3 AND status = 'open' AND "
      "reviewer = ?4");
  up->bind(1, now_ms() + impl_->options.lease_ms).bind(2, -attempt_id).bind(3, token).bind(4, reviewer.name()).run();
  return impl_->db.changes() == 1;
}

// Skipped or handed back: closed, and never offered to this reviewer again (they have seen it).
void Store::release_gold(const accounts::Actor& reviewer, std::int64_t attempt_id, std::int64_t token) {
  Transaction tx(impl_->db);
  auto up = impl_->sql(
      "UPDATE gold_deliveries SET status = 'released' WHERE id = ?1 AND lease_token = ?2 AND status = 'open' AND "
      "reviewer = ?3");
  up->bind(1, -attempt_id).bind(2, token).bind(3, reviewer.name()).run();
  if (impl_->db.changes() == 1)
    impl_->audit(reviewer.name(), "gold_release", std::to_string(-attempt_id), json{{"lease_token", token}}.dump());
  tx.commit();
}

// The source photo went through a workstation's analysis when it was decided, so there is no
// quarantine count to keep; nothing is written.
Store::AnalysisStart Store::gold_analysis_start(std::int64_t attempt_id, std::int64_t token) {
  auto q = impl_->sql("SELECT 1 FROM gold_deliveries WHERE id = ?1 AND lease_token = ?2 AND status = 'open'");
  q->bind(1, -attempt_id).bind(2, token);
  return q->step() ? AnalysisStart::Proceed : AnalysisStart::NotHeld;
}

}  // namespace rs::store
