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

fs::path user_config_dir() {
  fs::path base;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x)
    base = x;
  else if (const char* h = std::getenv("HOME"); h && *h)
    base = fs::path(h) / ".config";
  else
    base = fs::temp_directory_path();
  fs::path dir = base / "reviewstation";
  std::error_code ec;
  fs::create_directories(dir, ec);
  return dir;
}

fs::path user_state_dir() {
  fs::path base;
  if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x)
    base = x;
  else if (const char* h = std::getenv("HOME"); h && *h)
    base = fs::path(h) / ".local" / "state";
  else
    base = fs::temp_directory_path();
  fs::path dir = base / "reviewstation";
  std::error_code ec;
  fs::create_directories(dir, ec);
  return dir;
}

fs::path landmark_model_path() {
  if (const char* env = std::getenv("REVIEWSTATION_LANDMARKS"); env && *env) return env;
  return "/usr/share/dlib/shape_predictor_68_face_landmarks.dat";
}

}  // namespace rs
