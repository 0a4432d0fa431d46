// reviewstation check [--json] [--threads N] [--doc TYPE] PHOTO...|DIR
// Rule findings for many photos: a readable table, or one JSON line per photo with --json.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include <nlohmann/json.hpp>
#include <opencv2/core/utility.hpp>

#include "cli/command.hpp"
#include "cli/thread_count.hpp"
#include "core/findings/engine.hpp"
#include "core/util/file_read.hpp"
#include "core/util/parallel.hpp"

namespace {
namespace fs = std::filesystem;
using rs::findings::Analysis;
using rs::findings::Verdict;

bool is_photo_name(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".jpg" || ext == ".jpeg" || ext == ".png";
}

// A file's name for messages, quoted and printable whatever bytes it holds.
std::string quoted(const fs::path& p) {
  std::string out(1, '\'');
  out += rs::util::printable_path(p);
  out += '\'';
  return out;
}

// What is checked: a file to read, or a problem to report in its place (a folder that cannot be
// listed or holds no photos). Every input gives at least one result line.
struct Input {
  fs::path path;
  std::string problem;
};

// Lists a folder's JPEG/PNG files in name order. Names that are not UTF-8 are kept: they get a
// result line like any other file.
std::vector<Input> photos_in(const fs::path& dir) {
  std::vector<Input> found;
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && is_photo_name(it->path())) found.push_back({it->path(), {}});
  }
  if (ec) return {{dir, quoted(dir) + " cannot be listed: " + ec.message()}};
  if (found.empty()) return {{dir, quoted(dir) + " holds no .jpg, .jpeg or .png files"}};
  std::sort(found.begin(), found.end(), [](const Input& a, const Input& b) { return a.path < b.path; });
  return found;
}

// Files as given, folders expanded to their JPEG/PNG files. A folder whose own name is a photo's
// (x.jpg/) was meant as a photo: it is read, and refused as a directory, rather than expanded.
std::vector<Input> collect(const std::vector<std::string>& args) {
  std::vector<Input> out;
  for (const auto& a : args) {
    std::error_code ec;
    if (fs::is_directory(a, ec) && !is_photo_name(fs::path(a))) {
      auto in_dir = photos_in(a);
      out.insert(out.end(), in_dir.begin(), in_dir.end());
    } else {
      out.push_back({fs::path(a), {}});
    }
  }
  return out;
}

struct Item {
  fs::path path;
  std::string error;  // why it could not be read or analysed (names the file), empty when it was
  Analysis analysis;
  std::string text;  // what is printed for it, made by the worker outside the print lock
  bool done = false;
};

void progress(std::size_t done, std::size_t total) {
  const int width = 30;
  const int filled = total ? static_cast<int>(width * done / total) : width;
  std::fprintf(stderr, "\r[%s%s] %zu/%zu", std::string(filled, '#').c_str(), std::string(width - filled, ' ').c_str(),
               done, total);
  if (done == total) std::fputc('\n', stderr);
  std::fflush(stderr);
}

std::string format_table(const Item& it) {
  const Analysis& a = it.analysis;
  if (!it.error.empty()) return it.error + "\n";
  char line[512];
  std::snprintf(line, sizeof line, "%s  %dx%d  faces %d  fail %d  warn %d  pass %d  %.1f ms\n",
                rs::util::printable_path(it.path).c_str(), a.width, a.height, a.face_count, a.count(Verdict::Fail),
                a.count(Verdict::Warn), a.count(Verdict::Pass), a.elapsed_ms);
  std::string out = line;
  for (const auto& f : a.findings) {
    if (f.verdict == Verdict::Pass) continue;
    std::snprintf(line, sizeof line, "  %-13s %-26s %10.3f %-6s [%s]",
                  std::string(rs::findings::verdict_code(f.verdict)).c_str(), f.rule_id.c_str(), f.value,
                  f.unit.c_str(), f.threshold.c_str());
    out += line;
    if (f.confidence == rs::findings::Confidence::Low) out += "  (not sure)";
    if (!f.detail.empty()) out += "  " + f.detail;
    out += "\n";
  }
  return out;
}

// One line of JSON. The name goes in printable (bytes that are not UTF-8 as \xNN), and dump()
// replaces any other invalid UTF-8 instead of throwing: a throw in a worker thread aborted the batch.
std::string format_json(const Item& it) {
  nlohmann::json j;
  const std::string name = rs::util::printable_path(it.path);
  if (it.error.empty()) {
    j = it.analysis;
  } else {
    j = {{"assessable", false}, {"error", it.error}, {"path", name}};
  }
  j["photo"] = name;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// Reads and analyses one input; whatever goes wrong becomes its result line, never the batch's end.
Item check_one(const Input& input, const rs::findings::Engine& engine, const std::string& doc, bool as_json) {
  Item result;
  result.path = input.path;
  result.error = input.problem;
  try {
    if (result.error.empty()) {
      auto file = rs::util::read_regular_file(input.path, rs::util::kMaxPhotoBytes);
      result.error = std::move(file.error);
      if (result.error.empty()) result.analysis = engine.analyse(file.bytes, doc);
    }
  } catch (const std::exception& e) {
    result.error = quoted(input.path) + " could not be analysed: " + e.what();
  }
  // Formatting (JSON with heat maps is not small) happens here, in parallel, not under the lock.
  result.text = as_json ? format_json(result) : format_table(result);
  result.analysis = {};
  return result;
}

int run_check(const rs::cli::Args& args) {
  const auto inputs = collect(args.positional());
  if (inputs.empty()) throw rs::cli::UsageError("give at least one photo or folder");
  const int threads = rs::cli::thread_count(args, "check", inputs.size());
  const std::string doc = args.value("--doc").value_or("id_card");
  const bool as_json = args.has("--json");
  // Parallel over photos, so OpenCV's own thread pool would only oversubscribe the cores.
  if (threads > 1) cv::setNumThreads(1);
  auto engine = rs::findings::Engine::load();

  std::vector<Item> items(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) items[i].path = inputs[i].path;
  const bool tty = isatty(fileno(stderr));
  std::mutex mu;
  std::size_t printed = 0, finished = 0;
  const auto t0 = std::chrono::steady_clock::now();
  const auto run = rs::util::for_each_index(items.size(), threads, [&](std::size_t i) {
    Item result = check_one(inputs[i], *engine, doc, as_json);
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
  });
  // Out of threads or memory: the batch went on with the ones there were.
  if (!run.thread_error.empty())
    std::fprintf(stderr, "check: started %d of %d threads (%s)\n", run.threads, threads, run.thread_error.c_str());
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const bool all_read = std::all_of(items.begin(), items.end(), [](const Item& it) { return it.error.empty(); });
  std::fprintf(stderr, "checked %zu photo(s) in %.2f s (%.1f photos/s, %d thread(s))\n", items.size(), secs,
               items.size() / std::max(secs, 1e-9), run.threads);
  return all_read ? 0 : 1;
}
}  // namespace

RS_COMMAND(
    "check", "rule findings for photos (table or JSON lines)",
    "Runs the rule engine on each photo (folders: their .jpg/.jpeg/.png files) and prints the\n"
    "failing and warning findings per photo, or with --json one JSON object per photo (all\n"
    "findings, geometry, face landmarks). --threads N analyses N photos at once; --doc picks the\n"
    "document type's spec (id_card by default, e.g. passport or 护照); N is capped at 4 per\n"
    "hardware thread and 64. A progress bar is drawn on stderr when it is a terminal.\n\n"
    "Only regular files are read, at most 20 MB each: a FIFO, a device, a directory, a missing or\n"
    "unreadable file, a folder that cannot be listed or holds no photos each get their own result\n"
    "line with the problem (with --json: {\"photo\", \"path\", \"assessable\": false, \"error\"}), and the\n"
    "batch goes on. Names that are not UTF-8 are shown with \\xNN for their bad bytes.\n"
    "Exit code 1 when any input could not be read (or analysed), 0 otherwise.",
    [](rs::cli::Args& a) {
      a.flag("--json", "one JSON object per photo");
      a.option("--threads", "N", "photos analysed at once (1)");
      a.option("--doc", "TYPE", "document type spec (id_card)");
      a.positionals("PHOTO", "photos or folders", 0, -1);
    },
    run_check);
