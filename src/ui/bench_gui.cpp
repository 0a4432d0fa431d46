#include "ui/bench_gui.hpp"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "ui/app.hpp"
#include "ui/workstation.hpp"

namespace rs::ui {
namespace {
using Clock = std::chrono::steady_clock;

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  return v[std::size_t(q * double(v.size() - 1) + 0.5)];
}

// Renders frames until the current order is on screen, analysed, with the next one prefetched
// (a reviewer spends seconds per photo, so the prefetch is normally done). Collects frame CPU times.
bool wait_until_ready(StationRuntime& rt, std::vector<double>& frame_cpu, double timeout_ms) {
  auto t0 = Clock::now();
  while (ms_since(t0) < timeout_ms) {
    rt.platform().wait_events(-1);
    double c0 = thread_cpu_ms();
    rt.render_frame();
    frame_cpu.push_back(thread_cpu_ms() - c0);
    const auto& s = rt.station().snapshot();
    bool ready = s.current && s.current->analysis && rt.station().drawn_serial() == s.current->serial;
    if (ready && (s.next_ready || (s.queue_empty && !rt.station().session().busy()))) return true;
    if (!s.current && s.queue_empty && !rt.station().session().busy()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(4));
  }
  return false;
}
}  // namespace

GuiBenchFigures measure_gui(const std::string& db, const std::string& user, int decisions) {
  GuiBenchFigures f;
  std::vector<double> next_ms, frame_cpu;
  try {
    PlatformOptions opts;
    opts.vsync = false;  // measure our work, not the display's refresh
    StationRuntime rt(db, user, opts);
    for (int i = 0; i < decisions; ++i) {
      if (!wait_until_ready(rt, frame_cpu, 60'000)) break;
      const auto& s = rt.station().snapshot();
      if (!s.next_ready) break;  // the last order: nothing to prefetch, nothing to measure
      std::uint64_t before = s.current->serial;
      auto suggested = s.current->analysis->suggested_reasons();
      if (suggested.empty()) suggested = {"BLURRED"};
      auto t0 = Clock::now();
      if (i % 2 == 0)
        rt.station().request(Action::Approve);
      else
        rt.station().request(Action::ConfirmReject, suggested, "");
      // The decision is applied at the start of the frame; the next photo must be in that frame.
      for (int frames = 0; frames < 600; ++frames) {
        rt.platform().wait_events(-1);
        rt.render_frame();
        rt.platform().finish_gpu();
        std::uint64_t drawn = rt.station().drawn_serial();
        if (drawn != 0 && drawn != before) break;
      }
      if (rt.station().drawn_serial() == before) {
        f.error = "a decision was refused: " + rt.station().snapshot().error;
        break;
      }
      next_ms.push_back(ms_since(t0));
    }
  } catch (const std::exception& e) {
    f.error = e.what();
  }
  f.decisions = int(next_ms.size());
  f.next_order_ms = percentile(next_ms, 0.5);
  f.next_order_ms_max = next_ms.empty() ? -1 : *std::max_element(next_ms.begin(), next_ms.end());
  f.frame_cpu_ms = percentile(frame_cpu, 0.5);
  f.frame_cpu_ms_p95 = percentile(frame_cpu, 0.95);
  if (f.decisions == 0 && f.error.empty()) f.error = "no decision could be measured (queue needs at least 2 orders)";
  return f;
}

}  // namespace rs::ui
