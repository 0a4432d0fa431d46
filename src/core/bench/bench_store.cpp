#include "core/bench/bench_store.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <fstream>
#include <map>
#include <stdexcept>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/accounts/password.hpp"
#include "core/domain/id_number.hpp"
#include "core/store/store.hpp"
#include "core/util/file_read.hpp"

namespace rs::bench {
namespace fs = std::filesystem;
using store::DecisionRequest;
using store::Outcome;
using store::Store;

namespace {
// A real ~16 KB JPEG (intake decodes every upload; a blob would be refused). Small in pixels so
// that filling 40,000 orders does not wait on decoding, ~16 KB in bytes as uploads are: the
// decision path never decodes photos, but claims read them back. Identical photos are stored
// once (by sha256), as resubmitted duplicates are in real queues.
std::vector<std::uint8_t> bench_photo() {
  cv::Mat img(96, 80, CV_8UC3);
  cv::RNG rng(7);
  rng.fill(img, cv::RNG::UNIFORM, 0, 256);
  std::vector<std::uint8_t> jpeg;
  cv::imencode(".jpg", img, jpeg, {cv::IMWRITE_JPEG_QUALITY, 90});
  return jpeg;
}

// The bench's reviewers: "bench" and "bench0".."bench3", each with this password.
constexpr const char* kBenchPassword = "bench-password";

void add_bench_reviewers(Store& s) {
  s.init_admin("bench-admin", kBenchPassword);
  const auto admin = s.sign_in("bench-admin", kBenchPassword);
  for (const char* name : {"bench", "bench0", "bench1", "bench2", "bench3"})
    s.add_user(admin,
               {.name = name, .display_name = {}, .roles = {accounts::Role::Reviewer}, .password = kBenchPassword});
}

void fill(const std::string& path, int orders) {
  Store s(path);
  add_bench_reviewers(s);
  static const char* kCities[] = {"深圳", "广州", "东莞", "佛山", "珠海", "惠州", "中山", "江门"};
  auto photo = bench_photo();
  for (int i = 0; i < orders; ++i) {
    store::NewOrder o;
    o.order_no = "B" + std::to_string(1000000 + i);
    o.applicant_name = "基准";
    std::string id17 = "44030119900101" + std::to_string(100 + i % 900);
    o.id_number = id17 + id_number_check_char(id17);
    o.doc_type = "身份证";
    o.city = kCities[i % 8];
    o.submitted_at = "2026-11-21T08:00:00+08:00";
    o.photo = photo;
    auto item = s.enqueue(o);
    if (item.status != store::IngestItem::Status::Enqueued) throw std::runtime_error("bench enqueue: " + item.error);
  }
}

// Claims and decides until the queue is empty, as a workstation does: each decision's transaction
// also claims the next order, whose rows and photo are then read (Store::load_claim). Returns the
// decided attempt ids. Every fifth decision is a rejection unless approvals_only.
std::vector<std::int64_t> drain(const std::string& path, const std::string& me, const std::string& findings,
                                bool approvals_only) {
  Store s(path);
  const auto reviewer = s.sign_in(me, kBenchPassword);
  std::vector<std::int64_t> decided;
  int n = 0;
  std::optional<store::Claim> c = s.claim_next(reviewer, me);
  while (c) {
    DecisionRequest r;
    r.attempt_id = c->attempt.id;
    r.lease_token = c->lease.token;
    r.workstation = me;
    r.findings_json = findings;
    r.screen = ScreenRecord{.overlays = 0x4d, .layers = 0, .zoom = 1.0};  // what a workstation sends
    r.claim_next = true;
    if (!approvals_only && ++n % 5 == 0) {
      r.outcome = Outcome::Reject;
      r.reasons = {"BLURRED"};
    }
    auto result = s.decide(reviewer, r);
    decided.push_back(c->attempt.id);
    c.reset();
    if (result.next_lease) c = s.load_claim(*result.next_lease);
  }
  return decided;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The decision ids a bench process wrote, one a line.
std::vector<std::int64_t> read_ids(const fs::path& file) {
  constexpr std::size_t kMostBytes = std::size_t{64} << 20;  // ~3 million ids
  const util::FileRead read = util::read_regular_file(file, kMostBytes);
  if (!read.ok()) throw std::runtime_error("bench: " + read.error);
  std::vector<std::int64_t> ids;
  const char* at = reinterpret_cast<const char*>(read.bytes.data());
  const char* end = at + read.bytes.size();
  while (at != end) {
    std::int64_t id = 0;
    const auto [next, ec] = std::from_chars(at, end, id);
    if (ec != std::errc() || next == end || *next != '\n')
      throw std::runtime_error("bench: " + file.string() + " holds a line that is not a decision id");
    ids.push_back(id);
    at = next + 1;
  }
  return ids;
}

// Four processes drain one file; returns decisions per second and counts double decisions.
double run_four(const fs::path& dir, const std::string& name, int orders, const std::string& findings,
                bool approvals_only, DecideFigures& f) {
  std::string path = (dir / name).string();
  fill(path, orders);
  auto t0 = std::chrono::steady_clock::now();
  std::vector<pid_t> kids;
  for (int k = 0; k < 4; ++k) {
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      int code = 0;
      try {
        auto ids = drain(path, "bench" + std::to_string(k), findings, approvals_only);
        std::ofstream out(dir / (name + ".ids" + std::to_string(k)));
        for (auto id : ids) out << id << '\n';
      } catch (...) {
        code = 1;
      }
      _exit(code);
    }
    kids.push_back(pid);
  }
  for (pid_t pid : kids) {
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("a bench process failed");
  }
  double secs = seconds_since(t0);
  std::map<std::int64_t, int> seen;
  for (int k = 0; k < 4; ++k)
    for (std::int64_t id : read_ids(dir / (name + ".ids" + std::to_string(k)))) ++seen[id];
  for (auto& [id, times] : seen) f.double_decisions += times > 1;
  f.decisions_checked += int(seen.size());
  Store s(path);
  if (s.decision_count() != orders || int(seen.size()) != orders)
    throw std::runtime_error("bench: not every order was decided once");
  return orders / secs;
}

// The whole log verified, as `reviewstation audit verify` does; a problem fails the bench.
void measure_audit_verify(const std::string& path, DecideFigures& f) {
  Store s(path);
  const auto t0 = std::chrono::steady_clock::now();
  const auto report = s.audit_verify();
  const double secs = seconds_since(t0);
  if (report.problem) throw std::runtime_error("bench: the audit log does not verify: " + report.problem->what);
  f.audit_rows = report.rows;
  f.audit_verify_rows_per_s = double(report.rows) / secs;
}
}  // namespace

DecideFigures measure_decisions(const fs::path& dir, int orders, const std::string& findings, bool one_process_only) {
  fs::create_directories(dir);
  // Throwaway databases: their accounts guard nothing, and five interactive hashes per database
  // would only add seconds to the bench's start.
  accounts::use_minimal_hash_cost();
  DecideFigures f;
  {
    std::string path = (dir / "one.db").string();
    fill(path, orders);
    auto t0 = std::chrono::steady_clock::now();
    auto ids = drain(path, "bench", findings, false);
    f.decide_tx_per_s = double(ids.size()) / seconds_since(t0);
    measure_audit_verify(path, f);
  }
  if (one_process_only) return f;
  f.decide_tx_per_s_4proc = run_four(dir, "four.db", orders, findings, false, f);
  f.approvals_per_s_4proc = run_four(dir, "approvals.db", orders, findings, true, f);
  return f;
}

}  // namespace rs::bench
