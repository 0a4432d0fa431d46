#include "ui/train/view_replay.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "core/findings/decision_record.hpp"
#include "ui/review/view_findings.hpp"
#include "ui/review/view_state.hpp"
#include "ui/shell/keys.hpp"
#include "ui/shell/platform.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"
#include "ui/train/replay_stage.hpp"

namespace rs::ui::train {
namespace {
constexpr int kSpeeds[] = {1, 4, 16};

// One line per replayed case on stderr, as the workstation logs its events (the e2e test reads them).
void log_line(const std::string& text) {
  std::fprintf(stderr, "gui: %s\n", text.c_str());
  std::fflush(stderr);
}

double now_ms_ui() { return ImGui::GetTime() * 1000.0; }

// "12-05 09:30": a time in China Standard Time without the year.
std::string short_time(Millis ms) {
  const std::string iso = iso8601_cst(ms);
  return iso.substr(5, 5) + " " + iso.substr(11, 5);
}

std::string seconds(std::int64_t ms) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", double(ms) / 1000.0);
  return b;
}

// What a decision without a record showed: the workstation's defaults.
ScreenRecord default_screen() { return screen_record(ViewState{}); }

std::string joined_codes(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s.empty() ? "-" : s;
}

// The overlays and layers that were on, by their toolbar names.
std::string screen_summary(const ScreenRecord& r) {
  Overlays o;
  gfx::PhotoLayers l;
  apply_screen_record(r, o, l);
  std::string s;
  auto add = [&](bool on, const char* key) {
    if (on) s += (s.empty() ? "" : T("ui.train.list_sep")) + std::string(T(key));
  };
  add(o.face_box, "ui.photo.face_box");
  add(o.landmarks, "ui.photo.landmarks");
  add(o.eye_line, "ui.photo.eye_line");
  add(o.ga461_lines, "ui.photo.ga461_lines");
  add(o.head_top, "ui.photo.head_top");
  add(o.pose_axes, "ui.photo.pose_axes");
  add(o.finding_shapes, "ui.photo.finding_shapes");
  add(l.zebra, "ui.photo.zebra");
  add(l.background, "ui.photo.background");
  add(l.face_light, "ui.photo.face_light");
  add(l.ga461, "ui.photo.ga461_template");
  add(r.mirrored, "ui.photo.mirror");
  add(r.loupe, "ui.photo.loupe");
  return s.empty() ? "—" : s;
}
}  // namespace

ReplayView::ReplayView(supervise::Desk& desk, Fonts& fonts, const gfx::PhotoRenderer& renderer)
    : desk_(desk), fonts_(fonts), canvas_(renderer) {
  load_lists("");
}

bool ReplayView::animating() const {
  return clock_.playing() || lists_loading_ || cases_loading_ || !pending_.empty() || !tickets_.empty();
}

// The reviewers and one reviewer's sessions ("": the first reviewer's), in one job.
void ReplayView::load_lists(const std::string& reviewer) {
  lists_loading_ = true;
  desk_.post([reviewer, out = lists_in_](store::Store& s, const accounts::Actor& me) {
    Lists l;
    try {
      l.reviewers = s.reviewers_with_decisions(me);
      l.reviewer = reviewer.empty() && !l.reviewers.empty() ? l.reviewers.front() : reviewer;
      if (!l.reviewer.empty()) l.sessions = s.work_sessions(me, l.reviewer);
    } catch (const store::Refusal& e) {
      l.error = e.what();
    }
    out->put(std::move(l));
  });
}

void ReplayView::open_session(int index) {
  if (index < 0 || index >= int(sessions_.size())) return;
  session_ = index;
  cases_loading_ = true;
  const std::uint64_t generation = ++generation_;
  desk_.post([generation, session = sessions_[std::size_t(index)], out = cases_in_](store::Store& s,
                                                                                    const accounts::Actor& me) {
    Cases c;
    c.generation = generation;
    try {
      c.cases = s.session_cases(me, session);
    } catch (const store::Refusal& e) {
      c.error = e.what();
    }
    out->put(std::move(c));
  });
}

// Reads and decodes the case's photo on the desk, unless it is here or on its way.
void ReplayView::want_photo(std::size_t index) {
  if (index >= cases_.size()) return;
  const std::int64_t attempt = cases_[index].attempt_id;
  if (photos_.count(attempt) || pending_.count(attempt)) return;
  pending_.insert(attempt);
  desk_.post([attempt, inbox = photos_in_](store::Store& s, const accounts::Actor& me) {
    LoadedPhoto p;
    p.attempt_id = attempt;
    try {
      p.bytes = s.decided_photo(me, attempt);
      p.image = review::decode_for_display(p.bytes);
    } catch (const store::Refusal& e) {
      p.error = e.what();
    }
    std::lock_guard lock(inbox->mutex);
    inbox->items.push_back(std::move(p));
  });
}

void ReplayView::poll() {
  if (auto l = lists_in_->take()) {
    lists_loading_ = false;
    error_ = l->error;
    reviewers_ = std::move(l->reviewers);
    const bool new_reviewer = l->reviewer != reviewer_;
    reviewer_ = std::move(l->reviewer);
    sessions_ = std::move(l->sessions);
    for (const auto& r : reviewers_) fonts_.want(r);
    // The newest session of a reviewer just chosen opens at once: that is what a trainer looks at first.
    if (new_reviewer || session_ >= int(sessions_.size())) open_session(int(sessions_.size()) - 1);
  }
  if (auto c = cases_in_->take(); c && c->generation == generation_) {
    cases_loading_ = false;
    if (!c->error.empty()) error_ = c->error;
    cases_ = std::move(c->cases);
    std::vector<std::int64_t> durations;
    for (const auto& x : cases_) durations.push_back(x.review_ms);
    clock_ = review::ReplayClock(std::move(durations));
    clock_.seek(0, std::int64_t(now_ms_ui()));
    shown_ = SIZE_MAX;
    photos_.clear();
    log_line("replay session of " + reviewer_ + ": " + std::to_string(cases_.size()) + " cases");
  }
  take_photos();
  take_analysis();
}

void ReplayView::take_photos() {
  std::vector<LoadedPhoto> items;
  {
    std::lock_guard lock(photos_in_->mutex);
    items.swap(photos_in_->items);
  }
  for (auto& p : items) {
    pending_.erase(p.attempt_id);
    Photo& ph = photos_[p.attempt_id];
    ph.bytes = std::move(p.bytes);
    ph.image = std::move(p.image);
    ph.error = !p.error.empty() ? p.error : ph.image.error;
    if (ph.image.image)  // the upload is the only GL work, here on the main thread
      ph.texture =
          gfx::GlTexture::from_rgba(ph.image.image->width, ph.image.image->height, ph.image.image->pixels.data());
  }
}

void ReplayView::take_analysis() {
  while (auto r = analyser_.take()) {
    const auto it = tickets_.find(r->ticket);
    if (it == tickets_.end()) continue;
    if (auto p = photos_.find(it->second); p != photos_.end()) p->second.analysis = r->analysis;
    tickets_.erase(it);
  }
}

// Only the case on screen and the next keep their photos (a session can hold hundreds).
void ReplayView::keep_photos() {
  std::set<std::int64_t> keep;
  for (std::size_t i = clock_.index(); i < std::min(cases_.size(), clock_.index() + 2); ++i)
    keep.insert(cases_[i].attempt_id);
  for (auto it = photos_.begin(); it != photos_.end();) it = keep.count(it->first) ? std::next(it) : photos_.erase(it);
}

// A new case on screen: logged, its photo and the next one's fetched, the engine asked for shapes.
void ReplayView::case_shown() {
  const std::size_t i = clock_.index();
  if (i >= cases_.size()) return;
  const auto& c = cases_[i];
  if (shown_ != i) {
    shown_ = i;
    const ScreenRecord s = c.screen.value_or(default_screen());
    char zoom[32];
    std::snprintf(zoom, sizeof zoom, "%.2f", s.zoom);
    log_line("replay case " + std::to_string(i + 1) + "/" + std::to_string(cases_.size()) + " " + c.order_no + " " +
             c.decision + " " + joined_codes(c.reasons) + " shown " + seconds(c.review_ms) + " s screen " +
             (c.screen ? "recorded" : "defaults") + " zoom " + zoom + " overlays " + std::to_string(s.overlays) +
             " layers " + std::to_string(s.layers) + (s.mirrored ? " mirrored" : ""));
    fonts_.want(c.other_text);
    keep_photos();
  }
  want_photo(i);
  want_photo(i + 1);
  auto p = photos_.find(c.attempt_id);
  if (p == photos_.end() || p->second.analysis_asked || p->second.bytes.empty()) return;
  // A new request replaces one still waiting, which then never answers: that photo asks again
  // when it is back on screen.
  for (const auto& [ticket, attempt] : tickets_)
    if (auto q = photos_.find(attempt); q != photos_.end()) q->second.analysis_asked = false;
  tickets_.clear();
  p->second.analysis_asked = true;
  tickets_[analyser_.request(p->second.bytes, c.doc_type)] = c.attempt_id;
}

void ReplayView::handle_keys(double now) {
  if (ImGui::GetIO().WantTextInput || cases_.empty()) return;
  const auto t = std::int64_t(now);
  if (keys::pressed(GLFW_KEY_SPACE)) clock_.playing() ? clock_.pause(t) : clock_.play(t);
  if (keys::pressed(GLFW_KEY_RIGHT)) clock_.step(1, t);
  if (keys::pressed(GLFW_KEY_LEFT)) clock_.step(-1, t);
  if (keys::pressed(GLFW_KEY_HOME)) clock_.step(-int(cases_.size()), t);
  if (keys::pressed(GLFW_KEY_END)) clock_.step(int(cases_.size()), t);
  if (keys::pressed(GLFW_KEY_1)) clock_.set_speed(1, t);
  if (keys::pressed(GLFW_KEY_2)) clock_.set_speed(4, t);
  if (keys::pressed(GLFW_KEY_3)) clock_.set_speed(16, t);
}

void ReplayView::draw() {
  const double now = now_ms_ui();
  handle_keys(now);
  clock_.advance(std::int64_t(now));
  case_shown();
  if (!error_.empty()) ImGui::TextColored(theme::kError, "%s", error_.c_str());
  ImGui::BeginChild("##replay_chooser", {ImGui::GetFontSize() * 16, 0}, true);
  draw_chooser();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##replay_player", {0, 0}, false, ImGuiWindowFlags_NoScrollbar);
  draw_player(now);
  ImGui::EndChild();
}

void ReplayView::draw_chooser() {
  ImGui::TextColored(theme::kMuted, "%s", T("ui.train.reviewer"));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##reviewer", reviewer_.empty() ? "—" : reviewer_.c_str())) {
    for (const auto& r : reviewers_)
      if (ImGui::Selectable(r.c_str(), r == reviewer_) && r != reviewer_) load_lists(r);
    ImGui::EndCombo();
  }
  ImGui::TextColored(theme::kMuted, "%s", T("ui.train.sessions"));
  if (sessions_.empty()) ImGui::TextDisabled("%s", T(lists_loading_ ? "ui.train.loading" : "ui.train.no_sessions"));
  // Newest first: the sessions a trainer asks about are usually recent.
  for (int i = int(sessions_.size()) - 1; i >= 0; --i) {
    const auto& s = sessions_[std::size_t(i)];
    const std::string label = short_time(s.started_ms) + "–" + iso8601_cst(s.last_decided_ms).substr(11, 5) + "  " +
                              std::to_string(s.decisions) + T("ui.train.cases_suffix") + "##s" + std::to_string(i);
    if (ImGui::Selectable(label.c_str(), i == session_)) open_session(i);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s %d / %d", T("ui.train.recorded_share"), s.recorded, s.decisions);
  }
}

void ReplayView::draw_player(double now) {
  if (cases_.empty()) {
    ImGui::TextDisabled("%s", T(cases_loading_ ? "ui.train.loading" : "ui.train.pick_session"));
    return;
  }
  draw_controls(now);
  draw_timeline(now);
  const auto& c = cases_[clock_.index()];
  const float info_w = std::max(ImGui::GetFontSize() * 19, ImGui::GetContentRegionAvail().x * 0.3f);
  const ImVec2 stage{ImGui::GetContentRegionAvail().x - info_w - 8, ImGui::GetContentRegionAvail().y};
  ImGui::BeginChild("##stage", stage, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  canvas_.begin_frame();
  const auto p = photos_.find(c.attempt_id);
  if (p == photos_.end()) {
    ImGui::TextDisabled("%s", T("ui.train.loading"));
  } else if (!p->second.texture) {
    ImGui::TextColored(theme::kError, "%s%s", T("ui.photo.cannot_show"), p->second.error.c_str());
  } else {
    draw_stage(canvas_, {&p->second.texture, &p->second.image, p->second.analysis.get()},
               c.screen.value_or(default_screen()), ImGui::GetContentRegionAvail());
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##case_info", {0, 0}, true);
  draw_case(c);
  ImGui::EndChild();
}

void ReplayView::draw_controls(double now) {
  const auto t = std::int64_t(now);
  if (ImGui::Button(T("ui.train.first"))) clock_.step(-int(cases_.size()), t);
  ImGui::SameLine();
  if (ImGui::Button(T("ui.train.previous"))) clock_.step(-1, t);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("←");
  ImGui::SameLine();
  if (ImGui::Button(T(clock_.playing() ? "ui.train.pause" : "ui.train.play")))
    clock_.playing() ? clock_.pause(t) : clock_.play(t);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Space");
  ImGui::SameLine();
  if (ImGui::Button(T("ui.train.next"))) clock_.step(1, t);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("→");
  ImGui::SameLine(0, 24);
  ImGui::TextColored(theme::kMuted, "%s", T("ui.train.speed"));
  for (int k = 0; k < 3; ++k) {
    ImGui::SameLine();
    const std::string label = std::to_string(kSpeeds[k]) + "×";
    if (ImGui::RadioButton(label.c_str(), clock_.speed() == kSpeeds[k])) clock_.set_speed(kSpeeds[k], t);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%d", k + 1);
  }
  ImGui::SameLine(0, 24);
  ImGui::Text("%s %zu / %zu", T("ui.train.case"), clock_.index() + 1, cases_.size());
  ImGui::SameLine(0, 16);
  ImGui::TextColored(theme::kMuted, "%s / %s s", seconds(clock_.elapsed_in_case()).c_str(),
                     seconds(clock_.case_duration()).c_str());
}

// The session as a strip: one segment per case, as wide as its time on screen, coloured by the
// decision; the case on screen outlined with the part already played; a click jumps there.
void ReplayView::draw_timeline(double now) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 size{ImGui::GetContentRegionAvail().x, 14};
  ImGui::InvisibleButton("##timeline", size);
  const bool clicked = ImGui::IsItemClicked();
  const float mouse_x = ImGui::GetIO().MousePos.x;
  double total = 0;
  for (const auto& c : cases_) total += double(std::max(c.review_ms, review::ReplayClock::kShortestMs));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float x = at.x;
  for (std::size_t i = 0; i < cases_.size(); ++i) {
    const float w = float(double(std::max(cases_[i].review_ms, review::ReplayClock::kShortestMs)) / total) * size.x;
    const ImU32 col = cases_[i].decision == "approved" ? IM_COL32(50, 140, 80, 200) : IM_COL32(170, 60, 55, 200);
    dl->AddRectFilled({x, at.y}, {x + w - 1, at.y + size.y}, col);
    if (i == clock_.index()) {
      const float done = w * float(clock_.elapsed_in_case()) / float(std::max<std::int64_t>(1, clock_.case_duration()));
      dl->AddRectFilled({x, at.y}, {x + done, at.y + size.y}, IM_COL32(255, 255, 255, 90));
      dl->AddRect({x, at.y}, {x + w - 1, at.y + size.y}, IM_COL32(255, 255, 255, 255), 0, 0, 2);
    }
    if (clicked && mouse_x >= x && mouse_x < x + w) clock_.seek(i, std::int64_t(now));
    x += w;
  }
}

void ReplayView::draw_case(const store::SessionCase& c) {
  ImGui::PushFont(fonts_.heading);
  ImGui::Text("%s", c.order_no.c_str());
  ImGui::PopFont();
  ImGui::TextColored(theme::kMuted, "%s%d%s · %s", T("ui.train.attempt"), c.attempt_no, T("ui.train.attempt_suffix"),
                     T("doc_type." + c.doc_type));
  const bool approved = c.decision == "approved";
  ImGui::TextColored(approved ? theme::kApprove : theme::kReject, "%s",
                     T(approved ? "ui.train.approved" : "ui.train.rejected"));
  for (const auto& r : c.reasons) ImGui::BulletText("%s", T("reason." + r + ".label"));
  if (!c.other_text.empty()) ImGui::TextWrapped("%s%s", T("ui.photo.previous_other"), c.other_text.c_str());
  ImGui::Text("%s%s s", T("ui.train.on_screen"), seconds(c.review_ms).c_str());
  std::string decided = iso8601_cst(c.decided_ms).substr(0, 19);
  decided[10] = ' ';
  ImGui::TextColored(theme::kMuted, "%s%s", T("ui.train.decided_at"), decided.c_str());
  ImGui::Separator();
  const ScreenRecord s = c.screen.value_or(default_screen());
  if (!c.screen) ImGui::TextColored(theme::kAccent, "%s", T("ui.train.no_record"));
  ImGui::TextWrapped("%s%s", T("ui.train.screen_on"), screen_summary(s).c_str());
  ImGui::Text("%s%.0f%%", T("ui.train.zoom_vs_fit"), s.zoom * 100);
  ImGui::Separator();
  draw_findings(c);
}

// The findings the reviewer had on screen (the decision's record), failing and doubtful first.
void ReplayView::draw_findings(const store::SessionCase& c) {
  ImGui::TextColored(theme::kMuted, "%s", T("ui.train.findings"));
  findings::DecisionRecord record;
  try {
    record = findings::read_decision_record(c.findings_json);
  } catch (const std::invalid_argument&) {
    ImGui::TextDisabled("%s", T("ui.train.no_findings"));
    return;
  }
  int shown = 0;
  for (auto v : {findings::Verdict::Fail, findings::Verdict::Warn, findings::Verdict::CannotAssess})
    for (const auto& f : record.findings)
      if (f.verdict == v) {
        ImGui::TextColored(theme::verdict_colour(v), "●");
        ImGui::SameLine();
        ImGui::TextWrapped("%s", rule_name(f.rule_id).c_str());
        ++shown;
      }
  const auto passed = std::count_if(record.findings.begin(), record.findings.end(),
                                    [](const auto& f) { return f.verdict == findings::Verdict::Pass; });
  if (record.findings.empty()) ImGui::TextDisabled("%s", T("ui.train.no_findings"));
  if (passed) ImGui::TextColored(theme::kMuted, "%s%ld", T("ui.train.passed_rules"), long(passed));
}

}  // namespace rs::ui::train
