#pragma once
// Session replay: pick a reviewer and one of their working sessions (decisions with no pause over
// 30 minutes); the cases play in order as they were on screen (replay_stage: the photo with the
// layers, overlays and zoom recorded with each decision, or the defaults for a decision made
// before recording existed, which the panel says), each for as long as it stayed before the
// reviewer, at 1x, 4x or 16x, or step by step (buttons, Space, Left/Right). Beside the photo: what
// was decided, the reasons, the time on screen and the findings the reviewer had.
//
// Frames: the store reads, the photo's decoding run on the desk and the engine on the analyser's
// thread; this panel only uploads textures (main thread) and draws. The next case's photo is
// fetched while the current one shows.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/review/display_image.hpp"
#include "core/review/replay_clock.hpp"
#include "core/store/store.hpp"
#include "gfx/gl_texture.hpp"
#include "ui/photo/photo_canvas.hpp"
#include "ui/shell/fonts.hpp"
#include "ui/supervise/case_analyser.hpp"
#include "ui/supervise/desk.hpp"

namespace rs::ui::train {

class ReplayView {
 public:
  ReplayView(supervise::Desk& desk, Fonts& fonts, const gfx::PhotoRenderer& renderer);
  void poll();
  void draw();
  bool animating() const;  // playing, or something loading

 private:
  struct Lists {
    std::vector<std::string> reviewers;
    std::string reviewer;  // whose sessions these are
    std::vector<store::WorkSession> sessions;
    std::string error;
  };
  struct Cases {
    std::uint64_t generation = 0;
    std::vector<store::SessionCase> cases;
    std::string error;
  };
  struct LoadedPhoto {
    std::int64_t attempt_id = 0;
    std::vector<std::uint8_t> bytes;
    review::DisplayImage image;
    std::string error;
  };
  struct PhotoInbox {
    std::mutex mutex;
    std::vector<LoadedPhoto> items;
  };
  struct Photo {
    std::vector<std::uint8_t> bytes;  // for the engine
    review::DisplayImage image;
    gfx::GlTexture texture;
    std::string error;
    std::shared_ptr<const findings::Analysis> analysis;  // null until back, or when the engine failed
    bool analysis_asked = false;
  };

  void load_lists(const std::string& reviewer);
  void open_session(int index);
  void want_photo(std::size_t index);
  void take_photos();
  void take_analysis();
  void case_shown();
  void keep_photos();
  void handle_keys(double now);
  void draw_chooser();
  void draw_player(double now);
  void draw_controls(double now);
  void draw_timeline(double now);
  void draw_case(const store::SessionCase& c);
  void draw_findings(const store::SessionCase& c);

  supervise::Desk& desk_;
  Fonts& fonts_;
  PhotoCanvas canvas_;
  std::shared_ptr<supervise::Handover<Lists>> lists_in_ = std::make_shared<supervise::Handover<Lists>>();
  std::shared_ptr<supervise::Handover<Cases>> cases_in_ = std::make_shared<supervise::Handover<Cases>>();
  std::shared_ptr<PhotoInbox> photos_in_ = std::make_shared<PhotoInbox>();
  std::vector<std::string> reviewers_;
  std::string reviewer_;
  std::vector<store::WorkSession> sessions_;
  int session_ = -1;
  std::uint64_t generation_ = 0;  // the session asked for last
  std::vector<store::SessionCase> cases_;
  review::ReplayClock clock_;
  std::size_t shown_ = SIZE_MAX;          // the case logged last
  std::map<std::int64_t, Photo> photos_;  // by attempt: the case on screen and the next
  std::set<std::int64_t> pending_;        // asked of the desk, not back yet
  supervise::CaseAnalyser analyser_;
  std::map<std::uint64_t, std::int64_t> tickets_;  // the analysis waited for: ticket -> attempt
  bool lists_loading_ = false, cases_loading_ = false;
  std::string error_;
};

}  // namespace rs::ui::train
