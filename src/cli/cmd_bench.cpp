// reviewstation bench [--json] [--orders N] [--decisions N] [--no-gui] [--only PART]
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include <opencv2/core.hpp>

#include "cli/command.hpp"
#include "core/bench/bench_findings.hpp"
#include "core/bench/bench_store.hpp"
#include "core/bench/bench_supervise.hpp"
#include "core/demo/demo_photos.hpp"
#include "core/findings/decision_record.hpp"
#include "core/findings/engine.hpp"
#include "core/issuing/receipt.hpp"
#include "core/util/random.hpp"
#include "ui/review/bench_gui.hpp"
#include "ui/supervise/bench_supervise_gui.hpp"

namespace {
namespace fs = std::filesystem;
using nlohmann::json;

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown";
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_maxrss) / 1024.0;
}

void say(bool quiet, const char* what) {
  if (!quiet) std::fprintf(stderr, "bench: %s\n", what);
}

double r2(double v) { return std::round(v * 100) / 100; }

// The findings a reviewer's decision stores, from the engine on a demo photo, so that the decision
// rows are as large as on a reviewer's desk.
std::string findings_record_of_a_demo_photo(const rs::findings::Engine& engine) {
  auto photos = rs::demo::make_demo_photos(1, 7);
  return rs::findings::decision_record_json(engine.analyse(photos.at(0).jpeg, "id_card"));
}

// The engine both the decision and the engine parts use, loaded once; the load is timed.
struct TimedEngine {
  std::unique_ptr<rs::findings::Engine> engine;
  double load_ms = 0;
};

TimedEngine load_engine() {
  auto t0 = std::chrono::steady_clock::now();
  TimedEngine e{rs::findings::Engine::load()};
  e.load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return e;
}

// Returns the number of attempts decided twice (must be 0).
int bench_decisions(const rs::cli::Args& args, const fs::path& scratch, const rs::findings::Engine& engine, json& out) {
  say(false, "decisions (1 and 4 processes)...");
  const std::string record = findings_record_of_a_demo_photo(engine);
  out["decision_findings_bytes"] = record.size();
  auto d = rs::bench::measure_decisions(scratch / "decide", args.integer("--orders", 20000), record,
                                        args.has("--one-process"));
  out["decide_tx_per_s"] = std::round(d.decide_tx_per_s);
  out["decide_tx_per_s_4proc"] = std::round(d.decide_tx_per_s_4proc);
  out["approvals_per_s_4proc"] = std::round(d.approvals_per_s_4proc);
  out["double_decisions"] = d.double_decisions;
  out["decisions_checked"] = d.decisions_checked;
  out["audit_verify_rows_per_s"] = std::round(d.audit_verify_rows_per_s);
  out["audit_rows_verified"] = d.audit_rows;
  return d.double_decisions;
}

void bench_engine(const TimedEngine& loaded, json& out) {
  say(false, "rule engine...");
  // One photo per core: OpenCV's own thread pool would fight the batch threads (as in `check`).
  cv::setNumThreads(1);
  const auto& engine = loaded.engine;
  std::vector<std::vector<std::uint8_t>> photos;
  for (auto& p : rs::demo::make_demo_photos(40, 7)) photos.push_back(std::move(p.jpeg));
  auto f = rs::bench::measure_findings(*engine, photos, 3, 2);
  out["engine_load_ms"] = std::round(loaded.load_ms);
  out["findings_ms_p50"] = r2(f.findings_ms_p50);
  out["findings_ms_p95"] = r2(f.findings_ms_p95);
  out["check_photos_per_s"] = std::round(f.check_photos_per_s);
}

void bench_receipts(json& out) {
  say(false, "receipts...");
  out["receipt_render_ms_png"] = r2(rs::issuing::bench_receipt_render_ms(rs::issuing::ReceiptFormat::Png));
  out["receipt_render_ms_pdf"] = r2(rs::issuing::bench_receipt_render_ms(rs::issuing::ReceiptFormat::Pdf));
}

void bench_gui(const rs::cli::Args& args, const fs::path& scratch, json& out) {
  const char* display = std::getenv("DISPLAY");
  if (args.has("--no-gui") || !display || !*display) {
    out["next_order_ms"] = nullptr;
    out["frame_cpu_ms"] = nullptr;
    out["gui_note"] = "no DISPLAY: run under xvfb-run for next_order_ms and frame_cpu_ms";
    return;
  }
  say(false, "workstation frames...");
  auto g = rs::ui::measure_gui((scratch / "gui.db").string(), "bench");
  out["next_order_ms"] = r2(g.next_order_ms);
  out["next_order_ms_max"] = r2(g.next_order_ms_max);
  // What the next-order time is made of: UI-thread CPU, and frames until the photo showed (1 =
  // the very next frame); the rest is the rasteriser (llvmpipe under Xvfb, a GPU on a desk).
  out["next_order_cpu_ms"] = r2(g.next_order_cpu_ms);
  out["next_order_frames"] = g.next_order_frames;
  out["frame_cpu_ms"] = r2(g.frame_cpu_ms);
  out["frame_cpu_ms_p95"] = r2(g.frame_cpu_ms_p95);
  out["frame_wall_ms"] = r2(g.frame_wall_ms);
  if (!g.error.empty()) out["gui_note"] = g.error;
}

// The supervisors' browser and figures on a generated million decisions (--decisions N).
void bench_supervise(const rs::cli::Args& args, const fs::path& scratch, json& out) {
  say(false, "supervisor: filling the decisions...");
  const auto db = rs::bench::make_supervise_db(scratch / "supervise", args.integer("--decisions", 1'000'000));
  out["supervise_decisions"] = db.decisions;
  out["supervise_fill_s"] = r2(db.fill_s);
  out["supervise_db_mb"] = std::round(db.file_mb);
  say(false, "supervisor: browser and figures...");
  const auto f = rs::bench::measure_supervise(db);
  out["browse_filter_ms_p95"] = r2(f.browse_filter_ms_p95);
  out["browse_filter_ms_p50"] = r2(f.browse_filter_ms_p50);
  out["browse_filter_slowest"] = {{"filter", f.slowest.filter}, {"page", f.slowest.page}, {"ms", r2(f.slowest.ms)}};
  json pages = json::array();
  for (const auto& t : f.timings)
    pages.push_back({{"filter", t.filter}, {"page", t.page}, {"rows", t.rows}, {"ms", r2(t.ms)}});
  out["browse_pages"] = pages;
  out["figures_month_ms"] = r2(f.figures_month_ms);
  out["training_set_build_ms"] = r2(f.training_set_build_ms_max);
  json builds = json::array();
  for (const auto& t : f.training_builds) builds.push_back({{"pick", t.filter}, {"cases", t.rows}, {"ms", r2(t.ms)}});
  out["training_set_builds"] = builds;
  const char* display = std::getenv("DISPLAY");
  if (args.has("--no-gui") || !display || !*display) {
    out["browse_frame_cpu_ms"] = nullptr;
    out["supervise_gui_note"] = "no DISPLAY: run under xvfb-run for browse_frame_cpu_ms";
  } else {
    say(false, "supervisor: browser frames...");
    const auto g = rs::ui::measure_supervise_gui(db.path, db.supervisor, db.password);
    out["browse_frame_cpu_ms"] = r2(g.browse_frame_cpu_ms);
    out["browse_frame_cpu_ms_p95"] = r2(g.browse_frame_cpu_ms_p95);
    if (!g.error.empty()) out["supervise_gui_note"] = g.error;
  }
}

int run_bench(const rs::cli::Args& args) {
  // --only PART runs one part, so a profiler sees only that work.
  const auto only = args.value("--only");
  if (only && *only != "decisions" && *only != "engine" && *only != "receipts" && *only != "gui" &&
      *only != "supervise")
    throw rs::cli::UsageError("--only takes decisions, engine, receipts, gui or supervise, not '" + *only + "'");
  auto wanted = [&](const char* part) { return !only || *only == part; };
  fs::path scratch = fs::temp_directory_path() / ("reviewstation-bench-" + rs::random_hex(4));
  fs::create_directories(scratch);
  json out;
  out["machine"] = {{"cpu", cpu_model()}, {"cores", std::thread::hardware_concurrency()}};
  int double_decisions = 0;
  TimedEngine engine;
  if (wanted("decisions") || wanted("engine")) engine = load_engine();
  if (wanted("decisions")) double_decisions = bench_decisions(args, scratch, *engine.engine, out);
  if (wanted("engine")) bench_engine(engine, out);
  if (wanted("receipts")) bench_receipts(out);
  if (wanted("gui")) bench_gui(args, scratch, out);
  if (wanted("supervise")) bench_supervise(args, scratch, out);
  out["peak_rss_mb"] = std::round(peak_rss_mb());
  std::error_code ec;
  if (args.has("--keep"))  // to look into a figure afterwards (e.g. the million decisions with sqlite3)
    std::fprintf(stderr, "bench: kept %s\n", scratch.string().c_str());
  else
    fs::remove_all(scratch, ec);
  std::printf("%s\n", args.has("--json") ? out.dump().c_str() : out.dump(2).c_str());
  return double_decisions == 0 ? 0 : 1;
}
}  // namespace

RS_COMMAND(
    "bench", "measure speed and memory",
    "Prints one JSON object: decide_tx_per_s (claim + full decision, 1 process), decide_tx_per_s_4proc,\n"
    "approvals_per_s_4proc, double_decisions (must be 0), audit_verify_rows_per_s (`audit verify` over\n"
    "the one-process run's log), findings_ms_p50/p95 (one photo, one core),\n"
    "check_photos_per_s (2 threads), engine_load_ms, receipt_render_ms_png/pdf, next_order_ms\n"
    "(decision to next photo on screen, prefetch on) and frame_cpu_ms (need a DISPLAY, e.g.\n"
    "xvfb-run), peak_rss_mb, and the machine. --orders sets the orders per decision run (20000).\n"
    "On a generated database of --decisions N decisions (1000000): browse_filter_ms_p95 (the\n"
    "supervisors' browser, first and next pages of a fixed set of filters), figures_month_ms (the\n"
    "figures over the last 30 days), training_set_build_ms (the slowest of four training sets of 200\n"
    "cases built by reason, difficulty, document type and city) and browse_frame_cpu_ms (one frame of\n"
    "the browser; DISPLAY).\n"
    "--only decisions|engine|receipts|gui|supervise runs one part; --one-process skips the\n"
    "4-process runs (both for profiling).",
    [](rs::cli::Args& a) {
      a.flag("--json", "one line of JSON");
      a.option("--orders", "N", "orders per decision run (20000)");
      a.flag("--no-gui", "skip the GUI timings");
      a.option("--only", "PART", "decisions|engine|receipts|gui|supervise: run one part");
      a.option("--decisions", "N", "decisions in the supervisors' database (1000000)");
      a.flag("--one-process", "skip the 4-process runs");
      a.flag("--keep", "keep the scratch folder (its databases) and print where it is");
    },
    run_bench);
