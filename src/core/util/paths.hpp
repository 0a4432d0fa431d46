#pragma once
// Where the program finds its data files (db/spec, db/receipts, shaders) and the user's config.
#include <filesystem>

namespace rs {
// REVIEWSTATION_DATA if set; else <exe>/../share/reviewstation when installed; else the source tree.
std::filesystem::path data_dir();
// $XDG_CONFIG_HOME/reviewstation or ~/.config/reviewstation (created on demand).
std::filesystem::path user_config_dir();
// $XDG_STATE_HOME/reviewstation or ~/.local/state/reviewstation (created on demand): what a
// workstation keeps between runs that is not configuration (a decision waiting for the server).
std::filesystem::path user_state_dir();
// Path of dlib's 68-landmark model (REVIEWSTATION_LANDMARKS overrides).
std::filesystem::path landmark_model_path();
}  // namespace rs
