#pragma once
// Entry points of the GUI for the command line: the workstation itself, and the pieces the
// benchmark reuses (window + fonts + workstation, one frame at a time).
#include <memory>
#include <optional>
#include <string>

#include "core/i18n/text.hpp"
#include "ui/fonts.hpp"
#include "ui/platform.hpp"

namespace rs::ui {

class Workstation;

// Opens the window on `db` as reviewer `user` and runs until the window closes. Returns the exit
// code; prints one clear line and returns 1 when there is no display or the database won't open.
// The screen's language is `lang`, else the RS_LANG environment variable ("zh", "en"), else
// Chinese. Only the reviewer's screen changes: what the applicant receives stays Chinese.
int run_workstation(const std::string& db, const std::string& user, std::optional<Language> lang = std::nullopt);

// Window, fonts, layout file and workstation, torn down in the right order (workstation first:
// its textures need the GL context).
class StationRuntime {
 public:
  StationRuntime(const std::string& db, const std::string& user, const PlatformOptions& options);
  ~StationRuntime();
  Platform& platform() { return platform_; }
  Workstation& station() { return *station_; }
  void render_frame();  // one frame: input already polled

 private:
  Platform platform_;
  Fonts fonts_;
  std::unique_ptr<Workstation> station_;
};

}  // namespace rs::ui
