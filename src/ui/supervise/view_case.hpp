#pragma once
// The case view: one order as the supervisor opens it from the browser or the inbox (double
// click). The decided attempt's photo beside the findings its reviewer had on screen (the stored
// record, read back as it was at decision time), the decision with its reasons and times, the
// second review and the overturn, every attempt of the order side by side, and the case's audit
// trail. Store::case_file runs on the desk; the photos are decoded there too, and only the
// texture upload happens here on the UI (GL) thread.
#include <imgui.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/findings/decision_record.hpp"
#include "core/review/display_image.hpp"
#include "core/store/case_file.hpp"
#include "gfx/gl_texture.hpp"
#include "ui/shell/fonts.hpp"
#include "ui/supervise/case_analyser.hpp"
#include "ui/supervise/desk.hpp"
#include "ui/supervise/view_overturn.hpp"

namespace rs::ui::supervise {

class CaseView {
 public:
  CaseView(Desk& desk, Fonts& fonts);
  void open(const std::string& order_no);
  void reload();  // the open case again (after an overturn)
  void poll();    // every frame: takes a case that arrived, uploads its photos
  void draw(OverturnDialog& overturn);
  bool loading() const { return loading_; }

 private:
  struct Loaded {
    std::uint64_t generation = 0;
    std::optional<store::CaseFile> file;
    std::vector<review::DisplayImage> photos;                      // per attempt, decoded on the desk
    std::vector<std::optional<findings::DecisionRecord>> records;  // per attempt with a decision
    std::vector<std::string> record_errors;
    std::vector<bool> spec_kept;  // the record's spec is in the database (Store::kept_spec)
    std::string error;
  };
  void draw_header();
  void draw_photo_column();
  void draw_attempts();
  void draw_details(OverturnDialog& overturn);
  void draw_decision(const store::CaseDecision& d);
  void draw_findings();
  void draw_audit();
  void want_fonts();
  void analyse_shown();     // asks for the shapes of the shown attempt's findings
  void refresh_findings();  // the record's findings with the shapes that came back
  void draw_overlays(ImVec2 at, float scale);

  Desk& desk_;
  Fonts& fonts_;
  std::shared_ptr<Handover<Loaded>> answer_ = std::make_shared<Handover<Loaded>>();
  std::uint64_t generation_ = 0;
  std::string order_no_;
  bool open_ = false, loading_ = false;
  std::optional<Loaded> case_;
  std::vector<gfx::GlTexture> textures_;  // per attempt
  int shown_ = 0;                         // the attempt whose photo and decision are shown
  CaseAnalyser analyser_;
  std::uint64_t ticket_ = 0;  // the analysis asked for last
  int analysed_ = -1;         // the attempt it was asked for
  std::shared_ptr<const findings::Analysis> analysis_;
  std::string analysis_error_;
  std::vector<findings::Finding> findings_;  // shown: the record's, with shapes where the engine gave them
  int hovered_ = -1;                         // a findings row under the mouse: its shapes drawn thick
};

}  // namespace rs::ui::supervise
