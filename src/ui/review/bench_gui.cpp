#include "ui/review/bench_gui.hpp"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/accounts/password.hpp"
#include "core/bench/bench_findings.hpp"
#include "core/demo/demo_photos.hpp"
#include "core/domain/id_number.hpp"
#include "core/store/store.hpp"
#include "core/util/clock.hpp"
#include "ui/review/workstation.hpp"
#include "ui/shell/app.hpp"

namespace rs::ui {
namespace {
using Clock = std::chrono::steady_clock;

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// Nearest rank, like every other figure of `bench` (core's rs::bench::percentile); -1 when
// nothing was measured, the bench's mark for a figure it could not take (core says 0 there).
double percentile(const std::vector<double>& v, double q) { return v.empty() ? -1 : bench::percentile(v, q); }

struct Samples {
  std::vector<double> next_ms, next_cpu_ms, frame_cpu, frame_wall;
  int worst_frames = 0;
};

// One frame, timed: UI-thread CPU until submitted, wall time until the GPU is done.
void timed_frame(StationRuntime& rt, Samples& s) {
  rt.platform().wait_events(-1);
  double c0 = thread_cpu_ms();
  auto w0 = Clock::now();
  rt.render_frame();
  s.frame_cpu.push_back(thread_cpu_ms() - c0);
  rt.platform().finish_gpu();
  s.frame_wall.push_back(ms_since(w0));
}

// Renders frames until the current order is on screen, analysed, with the next one prefetched
// (a reviewer spends seconds per photo, so the prefetch is normally done by then).
bool wait_until_ready(StationRuntime& rt, Samples& s, double timeout_ms) {
  auto t0 = Clock::now();
  while (ms_since(t0) < timeout_ms) {
    timed_frame(rt, s);
    const auto& snap = rt.station().snapshot();
    bool shown = snap.current && snap.current->analysis && rt.station().drawn_serial() == snap.current->serial;
    if (shown && snap.next_ready) return true;
    if (!snap.next_ready && snap.queue_empty && !rt.station().session().busy()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(4));
  }
  return false;
}

// One decision through the key path; returns false when the next photo never came.
bool decide_and_time(StationRuntime& rt, int i, Samples& s) {
  const auto& snap = rt.station().snapshot();
  std::uint64_t before = snap.current->serial;
  auto suggested = snap.current->analysis->suggested_reasons();
  if (suggested.empty()) suggested = {"BLURRED"};
  auto t0 = Clock::now();
  double c0 = thread_cpu_ms();
  if (i % 2 == 0)
    rt.station().request(Action::Approve);
  else
    rt.station().request(Action::ConfirmReject, suggested, "");
  // The action is applied at the start of the frame; the next photo should be in that same frame.
  for (int frames = 1; frames <= 600; ++frames) {
    rt.platform().wait_events(-1);
    rt.render_frame();
    double cpu = thread_cpu_ms() - c0;
    rt.platform().finish_gpu();
    std::uint64_t drawn = rt.station().drawn_serial();
    if (drawn != 0 && drawn != before) {
      s.next_ms.push_back(ms_since(t0));
      s.next_cpu_ms.push_back(cpu);
      s.worst_frames = std::max(s.worst_frames, frames);
      return true;
    }
  }
  return false;
}

// Tops the queue up to `wanted` pending orders with demo photos, so the measurement never depends
// on what the caller left in the file.
void fill_queue(const std::string& db, int wanted) {
  store::Store s(db);
  int missing = wanted - s.stats("").pending;
  if (missing <= 0) return;
  auto photos = demo::make_demo_photos(missing, 11);
  Millis now = now_ms();
  for (int seq = 1, added = 0; added < missing && seq < 100000; ++seq) {
    store::NewOrder o;
    char no[32], id17[18];
    std::snprintf(no, sizeof no, "BENCH%06d", seq);
    std::snprintf(id17, sizeof id17, "44030119%02d%02d%02d%03d", 70 + seq % 30, 1 + seq % 12, 1 + seq % 28, seq % 1000);
    o.order_no = no;
    o.applicant_name = "测试";
    o.id_number = std::string(id17) + id_number_check_char(id17);
    o.doc_type = "身份证";
    o.city = "深圳";
    o.channel = "bench";
    o.submitted_at = iso8601_cst(now - 3600'000 + seq * 1000LL);
    o.photo = photos[std::size_t(added)].jpeg;
    auto item = s.enqueue(o);
    if (item.status == store::IngestItem::Status::Enqueued)
      ++added;
    else if (item.status != store::IngestItem::Status::AlreadyPresent)
      throw std::runtime_error("bench order refused: " + item.error);
  }
}

// The reviewer account the measurement signs in as (made on first use; the bench's file only).
accounts::Actor bench_reviewer(const std::string& db, const std::string& name) {
  constexpr const char* kPassword = "bench-password";
  accounts::use_minimal_hash_cost();  // a throwaway account: its hash guards nothing
  store::Store s(db);
  auto unless_exists = [](const auto& make) {
    try {
      make();
    } catch (const store::Refusal& e) {
      if (e.why() != store::Refusal::Why::UserExists) throw;
    }
  };
  unless_exists([&] { s.init_admin("bench-admin", kPassword); });
  unless_exists([&] {
    s.add_user(s.sign_in("bench-admin", kPassword),
               {.name = name, .display_name = {}, .roles = {accounts::Role::Reviewer}, .password = kPassword});
  });
  return s.sign_in(name, kPassword);
}
}  // namespace

GuiBenchFigures measure_gui(const std::string& db, const std::string& user, int decisions) {
  GuiBenchFigures f;
  Samples s;
  try {
    fill_queue(db, decisions + 2);
    PlatformOptions opts;
    opts.vsync = false;  // measure our work, not the display's refresh
    StationRuntime rt(db, user, bench_reviewer(db, user), opts);
    for (int i = 0; i < decisions; ++i) {
      if (!wait_until_ready(rt, s, 60'000)) break;
      if (!decide_and_time(rt, i, s)) {
        f.error = "the next photo did not come after a decision: " + rt.station().snapshot().error;
        break;
      }
    }
  } catch (const std::exception& e) {
    f.error = e.what();
  }
  f.decisions = int(s.next_ms.size());
  f.next_order_ms = percentile(s.next_ms, 0.5);
  f.next_order_ms_max = s.next_ms.empty() ? -1 : *std::max_element(s.next_ms.begin(), s.next_ms.end());
  f.next_order_cpu_ms = percentile(s.next_cpu_ms, 0.5);
  f.next_order_frames = s.next_ms.empty() ? -1 : s.worst_frames;
  f.frame_cpu_ms = percentile(s.frame_cpu, 0.5);
  f.frame_cpu_ms_p95 = percentile(s.frame_cpu, 0.95);
  f.frame_wall_ms = percentile(s.frame_wall, 0.5);
  if (f.decisions == 0 && f.error.empty()) f.error = "no decision could be measured";
  return f;
}

}  // namespace rs::ui
