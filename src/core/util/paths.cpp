#include "core/util/paths.hpp"

#include <unistd.h>

#include <cstdlib>
#include <system_error>

namespace rs {
namespace fs = std::filesystem;

namespace {
fs::path find_data_dir() {
  if (const char* env = std::getenv("REVIEWSTATION_DATA"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "reviewstation";
    if (fs::exists(installed / "db" / "spec", ec)) return installed;
  }
  return RS_SOURCE_DIR;
}
}  // namespace

fs::path data_dir() {
  // Looked up once: the answer cannot change while the program runs, and decisions ask for it.
  static const fs::path dir = find_data_dir();
  return dir;
}

namespace {
// $<xdg_var>/reviewstation, else ~/<home_sub>/reviewstation, else under the temp folder; made if
// missing (a failure shows later, when a file there cannot be written).
fs::path xdg_dir(const char* xdg_var, const fs::path& home_sub) {
  fs::path base;
  if (const char* x = std::getenv(xdg_var); x && *x)
    base = x;
  else if (const char* h = std::getenv("HOME"); h && *h)
    base = fs::path(h) / home_sub;
  else
    base = fs::temp_directory_path();
  fs::path dir = base / "reviewstation";
  std::error_code ec;
  fs::create_directories(dir, ec);
  return dir;
}
}  // namespace

fs::path user_config_dir() { return xdg_dir("XDG_CONFIG_HOME", ".config"); }

fs::path user_state_dir() { return xdg_dir("XDG_STATE_HOME", fs::path(".local") / "state"); }

fs::path landmark_model_path() {
  if (const char* env = std::getenv("REVIEWSTATION_LANDMARKS"); env && *env) return env;
  return "/usr/share/dlib/shape_predictor_68_face_landmarks.dat";
}

}  // namespace rs
