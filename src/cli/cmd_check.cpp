// reviewstation check [--json] [--threads N] [--doc TYPE] PHOTO...|DIR
// Rule findings for many photos: a readable table, or one JSON line per photo with --json.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>
#include <opencv2/core/utility.hpp>

#include "cli/command.hpp"
#include "core/findings/engine.hpp"

namespace {
namespace fs = std::filesystem;
using rs::findings::Analysis;
using rs::findings::Verdict;

bool is_photo_name(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".jpg" || ext == ".jpeg" || ext == ".png";
}

// Files as given, folders expanded to their JPEG/PNG files in name order.
std::vector<fs::path> collect(const std::vector<std::string>& args) {
  std::vector<fs::path> out;
  for (const auto& a : args) {
    std::error_code ec;
    if (fs::is_directory(a, ec)) {
      std::vector<fs::path> in_dir;
      for (const auto& e : fs::directory_iterator(a))
        if (e.is_regular_file() && is_photo_name(e.path())) in_dir.push_back(e.path());
      std::sort(in_dir.begin(), in_dir.end());
      out.insert(out.end(), in_dir.begin(), in_dir.end());
    } else {
      out.emplace_back(a);
    }
  }
  return out;
}

struct Item {
  fs::path path;
  bool read_ok = false;
  Analysis analysis;
  std::string text;  // what is printed for it, made by the worker outside the print lock
  bool done = false;
};

void progress(std::size_t done, std::size_t total) {
  const int width = 30;
  const int filled = total ? static_cast<int>(width * done / total) : width;
  std::fprintf(stderr, "\r[%s%s] %zu/%zu", std::string(filled, '#').c_str(), std::string(width - filled, ' ').c_str(), done, total);
  if (done == total) std::fputc('\n', stderr);
  std::fflush(stderr);
}

std::string format_table(const Item& it) {
  const Analysis& a = it.analysis;
  if (!it.read_ok) return it.path.string() + ": cannot read the file\n";
  char line[512];
  std::snprintf(line, sizeof line, "%s  %dx%d  faces %d  fail %d  warn %d  pass %d  %.1f ms\n", it.path.string().c_str(), a.width, a.height,
                a.face_count, a.count(Verdict::Fail), a.count(Verdict::Warn), a.count(Verdict::Pass), a.elapsed_ms);
  std::string out = line;
  for (const auto& f : a.findings) {
    if (f.verdict == Verdict::Pass) continue;
    std::snprintf(line, sizeof line, "  %-13s %-26s %10.3f %-6s [%s]", std::string(rs::findings::verdict_code(f.verdict)).c_str(),
                  f.rule_id.c_str(), f.value, f.unit.c_str(), f.threshold.c_str());
    out += line;
    if (!f.detail.empty()) out += "  " + f.detail;
    out += "\n";
  }
  return out;
}

std::string format_json(const Item& it) {
  nlohmann::json j;
  if (it.read_ok) {
    j = it.analysis;
  } else {
    j = {{"assessable", false}, {"error", "cannot read the file"}};
  }
  j["photo"] = it.path.string();
  return j.dump() + "\n";
}

int run_check(const rs::cli::Args& args) {
  const auto paths = collect(args.positional());
  if (paths.empty()) throw rs::cli::UsageError("give at least one photo or folder");
  const int threads = std::max(1, args.integer("--threads", 1));
  const std::string doc = args.value("--doc").value_or("id_card");
  const bool as_json = args.has("--json");
  // Parallel over photos, so OpenCV's own thread pool would only oversubscribe the cores.
  if (threads > 1) cv::setNumThreads(1);
  auto engine = rs::findings::Engine::load();

  std::vector<Item> items(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) items[i].path = paths[i];
  const bool tty = isatty(fileno(stderr));
  std::mutex mu;
  std::size_t printed = 0, finished = 0;
  std::atomic<std::size_t> next{0};
  const auto t0 = std::chrono::steady_clock::now();
  auto worker = [&] {
    for (std::size_t i; (i = next++) < items.size();) {
      std::ifstream in(items[i].path, std::ios::binary);
      Item result;
      result.path = items[i].path;
      if (in) {
        std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
        result.read_ok = true;
        result.analysis = engine->analyse(bytes, doc);
      }
      // Formatting (JSON with heat maps is not small) happens here, in parallel, not under the lock.
      result.text = as_json ? format_json(result) : format_table(result);
      result.analysis = {};
      std::lock_guard lock(mu);
      result.done = true;
      items[i] = std::move(result);
      ++finished;
      // Print in input order as soon as the next one in line is ready.
      while (printed < items.size() && items[printed].done) {
        if (tty) std::fputs("\r\033[K", stderr);
        std::fputs(items[printed].text.c_str(), stdout);
        std::fflush(stdout);
        ++printed;
      }
      if (tty) progress(finished, items.size());
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const bool all_read = std::all_of(items.begin(), items.end(), [](const Item& it) { return it.read_ok; });
  std::fprintf(stderr, "checked %zu photo(s) in %.2f s (%.1f photos/s, %d thread(s))\n", items.size(), secs, items.size() / std::max(secs, 1e-9),
               threads);
  return all_read ? 0 : 1;
}
}  // namespace

RS_COMMAND("check", "rule findings for photos (table or JSON lines)",
           "usage: reviewstation check [--json] [--threads N] [--doc TYPE] PHOTO...|DIR\n\n"
           "Runs the rule engine on each photo (folders: their .jpg/.jpeg/.png files) and prints the\n"
           "failing and warning findings per photo, or with --json one JSON object per photo (all\n"
           "findings, geometry, face landmarks). --threads N analyses N photos at once; --doc picks the\n"
           "document type's spec (id_card by default, e.g. passport or 护照). A progress bar is drawn on\n"
           "stderr when it is a terminal. Exit code 1 when a file could not be read.",
           {"--json"}, run_check);
