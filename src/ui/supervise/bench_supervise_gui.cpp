#include "ui/supervise/bench_supervise_gui.hpp"

#include <time.h>

#include <chrono>
#include <thread>
#include <vector>

#include "core/store/store.hpp"
#include "core/util/percentile.hpp"
#include "ui/shell/app.hpp"

namespace rs::ui {
namespace {
using Clock = std::chrono::steady_clock;

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// Frames until the desk has answered (the browser's page is in), at most `timeout_ms`.
void settle(StationRuntime& rt, double timeout_ms) {
  const auto t0 = Clock::now();
  int quiet = 0;
  while (quiet < 3 && std::chrono::duration<double, std::milli>(Clock::now() - t0).count() < timeout_ms) {
    rt.platform().wait_events(0);
    rt.render_frame();
    quiet = rt.animating() ? 0 : quiet + 1;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}
}  // namespace

SuperviseGuiFigures measure_supervise_gui(const std::string& db, const std::string& supervisor,
                                          const std::string& password, int frames) {
  SuperviseGuiFigures f;
  try {
    auto actor = store::Store(db).sign_in(supervisor, password);
    PlatformOptions opts;
    opts.vsync = false;  // our work, not the display's refresh
    StationRuntime rt(db, supervisor, actor, opts);
    settle(rt, 30'000);
    std::vector<double> cpu;
    for (int i = 0; i < frames; ++i) {
      rt.platform().wait_events(0);
      const double c0 = thread_cpu_ms();
      rt.render_frame();
      cpu.push_back(thread_cpu_ms() - c0);
      rt.platform().finish_gpu();
    }
    f.browse_frame_cpu_ms = percentile(cpu, 0.5);
    f.browse_frame_cpu_ms_p95 = percentile(cpu, 0.95);
  } catch (const std::exception& e) {
    f.error = e.what();
  }
  return f;
}

}  // namespace rs::ui
