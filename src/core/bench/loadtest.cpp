#include "core/bench/loadtest.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <latch>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/accounts/password.hpp"
#include "core/domain/city.hpp"
#include "core/domain/id_number.hpp"
#include "core/domain/reason.hpp"
#include "core/store/sqlite.hpp"
#include "core/util/percentile.hpp"
#include "core/util/random.hpp"

namespace rs::bench {
namespace {
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kOrdersPerTransaction = 2000;
constexpr int kMaxBusyRetries = 30;
constexpr const char* kAdmin = "load-admin";

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

std::string reviewer_name(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "load%02d", i + 1);
  return buf;
}

// One small real JPEG (a ~6 KB upload; claims read the photo back as a workstation does). Each
// order gets its own copy with the order number in a comment segment right after the start
// marker: a distinct photo (photos are kept once per sha256) without encoding one per order.
std::vector<std::uint8_t> base_photo() {
  cv::Mat img(72, 60, CV_8UC3);
  cv::RNG rng(11);
  rng.fill(img, cv::RNG::UNIFORM, 0, 256);
  std::vector<std::uint8_t> jpeg;
  cv::imencode(".jpg", img, jpeg, {cv::IMWRITE_JPEG_QUALITY, 85});
  return jpeg;
}

std::vector<std::uint8_t> photo_for(const std::vector<std::uint8_t>& base, const std::string& order_no) {
  const std::size_t len = order_no.size() + 2;  // a COM segment's length counts its own two bytes
  std::vector<std::uint8_t> out(base.size() + len + 2);
  auto at = std::copy(base.begin(), base.begin() + 2, out.begin());  // FF D8
  const std::uint8_t marker[] = {0xFF, 0xFE, std::uint8_t(len >> 8), std::uint8_t(len & 0xFF)};
  at = std::copy(std::begin(marker), std::end(marker), at);
  at = std::copy(order_no.begin(), order_no.end(), at);
  std::copy(base.begin() + 2, base.end(), at);
  return out;
}

// Orders as the centre gets them: the big cities far more often than the small ones (so several
// workstations draw serials from the same city's counter at once), ID cards most of all.
class OrderMaker {
 public:
  explicit OrderMaker(std::uint64_t seed) : rng_(seed), photo_(base_photo()) {
    const auto& cities = guangdong_cities();
    std::vector<double> w;
    for (const auto& c : cities)
      w.push_back(c.name_zh == "深圳" ? 30 : c.name_zh == "广州" ? 25 : c.name_zh == "东莞" ? 10 : 1.5);
    city_ = std::discrete_distribution<std::size_t>(w.begin(), w.end());
  }

  store::NewOrder make(std::int64_t n, Millis submitted) {
    static const char* kDocs[] = {"身份证", "身份证", "身份证", "社保卡", "居住证", "港澳通行证", "护照", "驾驶证"};
    static const char* kNames[] = {"张伟", "王芳", "李娜", "陈静", "刘洋", "黄磊", "林晓燕", "欧阳明"};
    store::NewOrder o;
    char buf[32];
    std::snprintf(buf, sizeof buf, "LT%08lld", static_cast<long long>(n));
    o.order_no = buf;
    o.applicant_name = kNames[rng_() % 8];
    std::snprintf(buf, sizeof buf, "440301%04d%02d%02d%03d", int(1950 + rng_() % 55), int(1 + rng_() % 12),
                  int(1 + rng_() % 28), int(rng_() % 1000));
    o.id_number = std::string(buf) + id_number_check_char(buf);
    o.doc_type = kDocs[rng_() % 8];
    o.city = std::string(guangdong_cities()[city_(rng_)].name_zh);
    o.channel = "loadtest";
    o.submitted_at = iso8601_cst(submitted);
    o.photo = photo_for(photo_, o.order_no);
    return o;
  }

 private:
  std::mt19937_64 rng_;
  std::vector<std::uint8_t> photo_;
  std::discrete_distribution<std::size_t> city_;
};

// The admin and the reviewers load01..; every password random and never shown, hashed at the
// minimal cost (throwaway accounts of a throwaway database, as the bench's).
std::string add_accounts(store::Store& s, int workstations) {
  accounts::use_minimal_hash_cost();
  const std::string password = random_hex(16);
  s.init_admin(kAdmin, password);
  const auto admin = s.sign_in(kAdmin, password);
  for (int i = 0; i < workstations; ++i)
    s.add_user(admin, {.name = reviewer_name(i),
                       .display_name = {},
                       .roles = {accounts::Role::Reviewer},
                       .password = password,
                       .trainee = false});
  return password;
}

// The queue's orders: the fill before the run, and another batch whenever a workstation finds the
// queue empty during it (an engine faster than the estimate), one batch at a time. Order n is
// submitted n ms after an hour ago, so the queue's order is the orders' numbers.
class Filler {
 public:
  explicit Filler(std::uint64_t seed) : maker_(seed), first_ms_(now_ms() - 3600 * 1000) {}

  void fill(store::Store& s, std::int64_t orders) {
    std::lock_guard lock(mu_);
    add(s, orders);
  }
  // After a claim found the queue empty: a batch, unless another workstation added one since
  // `seen` (generation() read before that claim).
  void refill(store::Store& s, std::uint64_t seen) {
    std::lock_guard lock(mu_);
    if (generation_ != seen) return;
    add(s, kOrdersPerTransaction);
    ++refills_;
  }
  std::uint64_t generation() const { return generation_; }
  std::int64_t filled() const { return next_ - 1; }
  std::int64_t refills() const { return refills_; }

 private:
  void add(store::Store& s, std::int64_t orders) {
    std::vector<store::NewOrder> batch;
    for (std::int64_t i = 0; i < orders; ++i, ++next_) {
      batch.push_back(maker_.make(next_, first_ms_ + next_));
      if (std::int64_t(batch.size()) == kOrdersPerTransaction || i + 1 == orders) {
        s.enqueue_generated(batch);
        batch.clear();
      }
    }
    ++generation_;
  }

  std::mutex mu_;
  OrderMaker maker_;
  Millis first_ms_;
  std::int64_t next_ = 1, refills_ = 0;
  std::atomic<std::uint64_t> generation_{0};
};

// A claim or a decision again after the engine said busy or locked (its transaction rolled back,
// so nothing of it was written), after 1, 2, 4 ... 64 ms with jitter.
template <class F>
auto retrying(F&& f, std::int64_t& retries, std::mt19937_64& rng) {
  for (int attempt = 0;; ++attempt) {
    try {
      return f();
    } catch (const store::SqliteError& e) {
      if (!e.busy() || attempt == kMaxBusyRetries) throw;
      ++retries;
      const int ms = 1 << std::min(attempt, 6);
      std::this_thread::sleep_for(std::chrono::microseconds(500 * ms + rng() % (500 * ms)));
    }
  }
}

// What one workstation measured.
struct Tally {
  std::vector<double> claim_ms, decide_ms;
  std::int64_t claims_with_decision = 0;
  std::int64_t approvals = 0, rejections = 0, busy_retries = 0, empty_claims = 0, refusals = 0;
  std::int64_t reconnects = 0, found_committed = 0, after_reconnect = 0;
  Clock::time_point stopped{};
};

// Reject with one reason, sometimes two, from the codes a reviewer picks without typing.
std::vector<std::string> draw_reasons(std::mt19937_64& rng) {
  static const std::vector<std::string> pool = [] {
    std::vector<std::string> codes;
    for (const auto& r : all_reasons())
      if (!r.needs_text) codes.emplace_back(r.code);
    return codes;
  }();
  std::vector<std::string> out{pool[rng() % pool.size()]};
  if (rng() % 10 < 3)
    if (auto second = pool[rng() % pool.size()]; second != out[0]) out.push_back(second);
  return out;
}

// The decision on a claimed order: about four approvals to one rejection.
store::DecisionRequest decision_for(const store::Claim& claim, const std::string& station, Millis shown,
                                    std::mt19937_64& rng) {
  store::DecisionRequest r;
  r.attempt_id = claim.attempt.id;
  r.lease_token = claim.lease.token;
  r.workstation = station;
  r.shown_ms = shown;
  r.screen = ScreenRecord{.overlays = 0x4d, .layers = 0, .zoom = 1.0};  // what a workstation sends
  if (rng() % 100 >= 80) {
    r.outcome = store::Outcome::Reject;
    r.reasons = draw_reasons(rng);
  }
  return r;
}

struct Run {
  const LoadTestOptions& o;
  std::string password;
  Filler& filler;
  std::latch ready;  // every workstation open and signed in (or failed)
  std::latch go{1};  // the clock has started
  std::atomic<bool> failed{false};
  std::mutex error_lock;
  std::exception_ptr error;
  Clock::time_point start{}, deadline{};
  std::vector<Tally> tallies;

  Run(const LoadTestOptions& options, std::string pw, Filler& f)
      : o(options), password(std::move(pw)), filler(f), ready(options.workstations), tallies(options.workstations) {}

  // A connection of its own and the reviewer signed in on it.
  struct Seat {
    std::unique_ptr<store::Store> store;
    std::optional<accounts::Actor> reviewer;
    std::optional<store::Claim> next;  // --prefetch: claimed with the last decision
  };
  Seat sit_down(int i) {
    Seat seat;
    seat.store = std::make_unique<store::Store>(o.db);
    seat.reviewer = seat.store->sign_in(reviewer_name(i), password);
    return seat;
  }

  // The server went away: connect again, 100 ms doubling to 2 s between tries, for at most a
  // minute after the run's end (a server that does not come back fails the run).
  void reconnect(Seat& seat, int i) {
    ++tallies[i].reconnects;
    seat.store.reset();
    for (int attempt = 0;; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(2000, 100 << std::min(attempt, 5))));
      try {
        seat = sit_down(i);
        return;
      } catch (const store::DbError& e) {
        if (!e.connection_lost() || Clock::now() > deadline + std::chrono::seconds(60)) throw;
      }
    }
  }

  void workstation(int i) {
    bool arrived = false;
    try {
      Seat seat = sit_down(i);
      arrived = true;
      ready.count_down();
      go.wait();
      work(seat, i);
    } catch (...) {
      std::lock_guard lock(error_lock);
      if (!error) error = std::current_exception();
      failed = true;
    }
    if (!arrived) ready.count_down();
    tallies[i].stopped = Clock::now();
  }

  void work(Seat& seat, int i) {
    std::mt19937_64 rng(o.seed * 1000 + std::uint64_t(i));
    const std::string station = "loadtest-" + reviewer_name(i).substr(4);
    // People do not start in step: each workstation's first claim comes somewhere in the first
    // think time, so thirty-two desks do not claim in one burst every think time.
    if (o.think_ms > 0)
      std::this_thread::sleep_for(std::chrono::microseconds(std::int64_t(rng() % std::uint64_t(o.think_ms * 1000))));
    while (!failed && Clock::now() < deadline) {
      try {
        one_order(seat, i, station, rng);
      } catch (const store::DbError& e) {
        if (!e.connection_lost()) throw;
        reconnect(seat, i);  // the claim in flight is lost with its transaction, or held: its lease runs out
      }
    }
  }

  // A reviewer's look at one order: uniform between half and one and a half times --think-ms, so
  // the mean is the think time and the workstations do not fall into step.
  std::chrono::microseconds think_time(std::mt19937_64& rng) const {
    const double share = 0.5 + double(rng() % 1'000'001) / 1'000'000.0;
    return std::chrono::microseconds(std::int64_t(share * o.think_ms * 1000));
  }

  void one_order(Seat& seat, int i, const std::string& station, std::mt19937_64& rng) {
    Tally& t = tallies[std::size_t(i)];
    const auto generation = filler.generation();
    auto t0 = Clock::now();
    std::optional<store::Claim> claim = std::move(seat.next);
    seat.next.reset();
    if (!claim) {
      claim = retrying([&] { return seat.store->claim_next(*seat.reviewer, station); }, t.busy_retries, rng);
      if (!claim) {  // the fill's estimate was too small: more orders, then claim again
        ++t.empty_claims;
        filler.refill(*seat.store, generation);
        return;
      }
      t.claim_ms.push_back(ms_between(t0, Clock::now()));
    }
    const Millis shown = now_ms();
    if (o.think_ms > 0) std::this_thread::sleep_for(think_time(rng));
    store::DecisionRequest r = decision_for(*claim, station, shown, rng);
    r.claim_next = o.prefetch;
    t0 = Clock::now();
    bool resent = false;
    std::optional<store::Lease> next;
    for (;;) {
      try {
        next = retrying([&] { return seat.store->decide(*seat.reviewer, r); }, t.busy_retries, rng).next_lease;
        if (resent) ++t.after_reconnect;
        break;
      } catch (const store::Refusal& e) {
        // Sent again after a lost connection and found decided: the first commit had landed.
        if (resent && e.why() == store::Refusal::Why::NotPending) {
          ++t.found_committed;
          break;
        }
        ++t.refusals;  // a lease lost to another workstation: counted, and the run fails
        return;
      } catch (const store::DbError& e) {
        if (!e.connection_lost()) throw;
        reconnect(seat, i);
        resent = true;  // the same decision, under the same lease, on the new connection
      }
    }
    t.decide_ms.push_back(ms_between(t0, Clock::now()));
    ++(r.outcome == store::Outcome::Approve ? t.approvals : t.rejections);
    if (next) {  // read as the workstation's worker reads it, before the reviewer needs it
      ++t.claims_with_decision;
      seat.next = seat.store->load_claim(*next);
    }
  }
};

void summarise(const std::vector<Tally>& tallies, LoadTestResult& r) {
  std::vector<double> claims, decides;
  for (const Tally& t : tallies) {
    claims.insert(claims.end(), t.claim_ms.begin(), t.claim_ms.end());
    decides.insert(decides.end(), t.decide_ms.begin(), t.decide_ms.end());
    r.approvals += t.approvals;
    r.rejections += t.rejections;
    r.busy_retries += t.busy_retries;
    r.claims_with_decision += t.claims_with_decision;
    r.empty_claims += t.empty_claims;
    r.refusals += t.refusals;
    r.reconnects += t.reconnects;
    r.workstations_reconnected += t.reconnects > 0 ? 1 : 0;
    r.decisions_found_committed += t.found_committed;
    r.decisions_after_reconnect += t.after_reconnect;
  }
  r.claims = std::int64_t(claims.size());
  r.decisions = std::int64_t(decides.size());
  r.decisions_per_s = r.elapsed_s > 0 ? double(r.decisions) / r.elapsed_s : 0;
  r.claim_ms_p50 = percentile(claims, 0.50);
  r.claim_ms_p99 = percentile(claims, 0.99);
  r.claim_ms_max = claims.empty() ? 0 : *std::max_element(claims.begin(), claims.end());
  r.decide_ms_p50 = percentile(decides, 0.50);
  r.decide_ms_p99 = percentile(decides, 0.99);
  r.decide_ms_max = decides.empty() ? 0 : *std::max_element(decides.begin(), decides.end());
}

// PostgreSQL: what the server's sessions for this database do, every 50 ms from the start of the
// clock to the deadline, on a connection of its own (excluded from what it sees). A sampler that
// loses its connection (the fault test restarts the server) stops; the run goes on.
class WaitSampler {
 public:
  WaitSampler(const std::string& db, const Run& run) {
    if (engine_of(db) != "postgresql") return;
    thread_ = std::jthread([this, &db, &run] { sample(db, run); });
  }
  // Joins the sampler (the run is over) and writes the shares into `r`.
  void finish(LoadTestResult& r) {
    if (thread_.joinable()) thread_.join();
    std::int64_t all = 0;
    for (const auto& [state, n] : counts_) all += n;
    r.wait_samples = all;
    for (const auto& [state, n] : counts_) r.waits.emplace_back(state, double(n) / double(all));
    std::sort(r.waits.begin(), r.waits.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  }

 private:
  void sample(const std::string& db, const Run& run) {
    try {
      store::Store s(db);
      run.go.wait();
      while (Clock::now() < run.deadline) {
        for (const std::string& state : s.session_waits()) ++counts_[state];
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    } catch (const std::exception&) {
      // The picture is partial; the load test's own figures and checks do not depend on it.
    }
  }
  std::map<std::string, std::int64_t> counts_;
  std::jthread thread_;
};

void say(const std::function<void(const std::string&)>& progress, const std::string& line) {
  if (progress) progress(line);
}
}  // namespace

std::string engine_of(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0 ? "postgresql" : "sqlite";
}

std::int64_t load_test_orders(const LoadTestOptions& o) {
  if (o.orders > 0) return o.orders;
  const double per_workstation = o.think_ms > 0 ? 1000.0 / o.think_ms : kMaxDecisionsPerS;
  const double rate = std::min(kMaxDecisionsPerS, per_workstation * o.workstations);
  return std::int64_t(std::ceil(rate * o.seconds)) + o.workstations;
}

LoadTestResult run_load_test(const LoadTestOptions& o, const std::function<void(const std::string&)>& progress) {
  if (o.workstations < 1 || o.seconds <= 0 || o.think_ms < 0)
    throw std::invalid_argument("a load test needs at least one workstation, a positive time and a think time >= 0");
  LoadTestResult r;
  r.engine = engine_of(o.db);
  r.workstations = o.workstations;
  r.seconds = o.seconds;
  r.think_ms = o.think_ms;
  r.prefetch = o.prefetch;
  r.orders = load_test_orders(o);
  std::string password;
  Filler filler(o.seed);
  {
    store::Store s(o.db);
    if (const auto h = s.load_test_holdings(); h.orders > 0 || h.accounts > 0)
      throw NotEmpty("the database " + o.db + " already holds " + std::to_string(h.orders) + " orders and " +
                     std::to_string(h.accounts) +
                     " accounts; a load test fills only an empty database (nothing was written)");
    say(progress, "filling " + std::to_string(r.orders) + " orders and " + std::to_string(o.workstations) +
                      " reviewer accounts...");
    const auto t0 = Clock::now();
    password = add_accounts(s, o.workstations);
    filler.fill(s, r.orders);
    r.fill_s = ms_between(t0, Clock::now()) / 1000;
  }
  char secs[32];
  std::snprintf(secs, sizeof secs, "%g", o.seconds);
  say(progress, "running " + std::to_string(o.workstations) + " workstations for " + secs + " s...");
  Run run(o, password, filler);
  WaitSampler waits(o.db, run);
  std::vector<std::jthread> threads;
  for (int i = 0; i < o.workstations; ++i) threads.emplace_back([&run, i] { run.workstation(i); });
  run.ready.wait();  // every workstation open and signed in: the clock starts now
  run.start = Clock::now();
  run.deadline = run.start + std::chrono::microseconds(std::int64_t(o.seconds * 1e6));
  run.go.count_down();
  threads.clear();  // joins
  waits.finish(r);
  if (run.error) std::rethrow_exception(run.error);
  Clock::time_point last = run.start;
  for (const Tally& t : run.tallies) last = std::max(last, t.stopped);
  r.elapsed_s = ms_between(run.start, last) / 1000;
  summarise(run.tallies, r);
  r.orders = filler.filled();
  r.refills = filler.refills();
  say(progress, "checking...");
  store::Store s(o.db);
  r.check = s.load_check();
  const auto audit = s.audit_verify();
  r.audit_rows = audit.rows;
  if (audit.problem) r.audit_problem = audit.problem->what;
  return r;
}

}  // namespace rs::bench
