#include "ui/supervise/view_case.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "core/domain/reason.hpp"
#include "core/i18n/text.hpp"
#include "core/store/store.hpp"
#include "ui/photo/photo_overlays.hpp"
#include "ui/review/view_findings.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui::supervise {
namespace {

// "2026-12-05 10:32:07" from "2026-12-05T10:32:07.123+08:00" (China time, as stored).
std::string local_time(const std::string& iso) {
  std::string s = iso.substr(0, std::min<std::size_t>(19, iso.size()));
  if (s.size() > 10) s[10] = ' ';
  return s;
}

std::string joined_reasons(const std::vector<std::string>& codes) {
  std::string s;
  for (const auto& c : codes) s += (s.empty() ? "" : "、") + reason_label(c);
  return s;
}

std::string attempt_label(int n) {
  char text[96];
  std::snprintf(text, sizeof text, T("ui.sup.case.attempt"), n);  // the table's format: one %d
  return text;
}

// An audit action as the table names it ("ui.sup.audit.<action>"), else its code.
std::string action_label(const std::string& action) {
  const std::string key = "ui.sup.audit." + action;
  const std::string_view v = rs::tr(key);
  return v == key ? action : std::string(v);
}

void outcome_text(const std::string& decision) {
  const bool approved = decision == "approved";
  ImGui::TextColored(approved ? theme::kApprove : theme::kReject, "%s",
                     approved ? T("ui.sup.approved") : T("ui.sup.rejected"));
}

// A "label  value" line; nothing when the value is empty.
void field(const char* key, const std::string& value) {
  if (value.empty()) return;
  ImGui::TextColored(theme::kMuted, "%s", T(key));
  ImGui::SameLine(ImGui::GetFontSize() * 6);
  ImGui::TextWrapped("%s", value.c_str());
}

// A heading over a rule (ImGui 1.86 has no SeparatorText).
void section(const char* title) {
  ImGui::Spacing();
  ImGui::TextColored(theme::kAccent, "%s", title);
  ImGui::Separator();
}

// The attempt a case opens on: the latest one decided (the one an overturn would turn).
int decided_attempt(const store::CaseFile& c) {
  for (int i = int(c.attempts.size()) - 1; i >= 0; --i)
    if (c.attempts[std::size_t(i)].decision) return i;
  return std::max(0, int(c.attempts.size()) - 1);
}

// Where a photo was drawn: its top-left on screen and screen pixels per photo pixel.
struct Fitted {
  ImVec2 at;
  float scale = 0;
};

// The photo fitted into `box`, centred across.
Fitted draw_fitted(const gfx::GlTexture& tex, ImVec2 box) {
  if (!tex || box.x < 1 || box.y < 1) return {};
  const float scale = std::min(box.x / float(tex.width()), box.y / float(tex.height()));
  const ImVec2 size{float(tex.width()) * scale, float(tex.height()) * scale};
  const ImVec2 cursor = ImGui::GetCursorScreenPos();
  const ImVec2 at{cursor.x + (box.x - size.x) / 2, cursor.y};
  ImGui::SetCursorScreenPos(at);
  ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex.id())), size);
  return {at, scale};
}

}  // namespace

CaseView::CaseView(Desk& desk, Fonts& fonts) : desk_(desk), fonts_(fonts) {}

void CaseView::open(const std::string& order_no) {
  order_no_ = order_no;
  open_ = true;
  case_.reset();
  textures_.clear();
  analysed_ = -1;
  ticket_ = 0;
  analysis_.reset();
  findings_.clear();
  reload();
}

void CaseView::reload() {
  if (!open_) return;
  loading_ = true;
  desk_.post([order = order_no_, gen = ++generation_, out = answer_](store::Store& s, const accounts::Actor& sup) {
    Loaded l;
    l.generation = gen;
    try {
      l.file = s.case_file(sup, order);
    } catch (const store::Refusal& e) {
      l.error = e.what();
    }
    if (!l.file) {
      out->put(std::move(l));
      return;
    }
    // Decoding and reading the records here keeps the UI thread to the texture upload.
    for (const auto& a : l.file->attempts) {
      l.photos.push_back(review::decode_for_display(a.photo));
      l.records.emplace_back();
      l.record_errors.emplace_back();
      l.spec_kept.push_back(false);
      if (!a.decision) continue;
      try {
        l.records.back() = findings::read_decision_record(a.decision->findings_json);
        l.spec_kept.back() = !l.records.back()->spec_id.empty() && s.kept_spec(l.records.back()->spec_id);
      } catch (const std::exception& e) {
        l.record_errors.back() = e.what();
      }
    }
    out->put(std::move(l));
  });
}

void CaseView::poll() {
  if (auto r = analyser_.take(); r && r->ticket == ticket_ && ticket_ != 0) {
    ticket_ = 0;
    analysis_ = r->analysis;
    analysis_error_ = r->error;
    refresh_findings();
    std::fprintf(stderr, "gui: case %s shapes %s\n", order_no_.c_str(), analysis_ ? "drawn" : r->error.c_str());
    std::fflush(stderr);
  }
  auto l = answer_->take();
  if (!l || l->generation != generation_) return;
  loading_ = false;
  const bool first = !case_;
  case_ = std::move(*l);
  textures_.clear();
  for (const auto& p : case_->photos) {
    textures_.push_back(p.image ? gfx::GlTexture::from_rgba(p.image->width, p.image->height, p.image->pixels.data())
                                : gfx::GlTexture{});
    if (textures_.back()) textures_.back().ensure_mipmaps();  // drawn smaller than 1:1
  }
  if (!case_->file) return;
  if (first) shown_ = decided_attempt(*case_->file);
  shown_ = std::clamp(shown_, 0, int(case_->file->attempts.size()) - 1);
  want_fonts();
  analyse_shown();
  refresh_findings();
  std::fprintf(stderr, "gui: case %s open\n", order_no_.c_str());
  std::fflush(stderr);
}

void CaseView::analyse_shown() {
  if (analysed_ == shown_) return;
  analysed_ = shown_;
  analysis_.reset();
  analysis_error_.clear();
  ticket_ = 0;
  const auto& record = case_->records[std::size_t(shown_)];
  if (!record || record->findings.empty()) return;  // nothing to draw shapes for
  const auto& a = case_->file->attempts[std::size_t(shown_)];
  ticket_ = analyser_.request(a.photo, case_->file->order.doc_type);
}

// The record is what the reviewer saw: its verdicts, values and scores stay; the engine run now
// lends only the shapes of the same rules (and a unit the record does not keep). A rule the
// engine no longer runs keeps its row without shapes.
void CaseView::refresh_findings() {
  findings_.clear();
  hovered_ = -1;
  if (!case_ || !case_->file) return;
  const auto& record = case_->records[std::size_t(shown_)];
  if (!record) return;
  findings_ = record->findings;
  if (analysis_)
    for (auto& f : findings_)
      for (const auto& now : analysis_->findings)
        if (now.rule_id == f.rule_id) {
          f.geometry = now.geometry;
          if (f.unit.empty()) f.unit = now.unit;
        }
  findings::sort_findings(findings_);
}

void CaseView::draw_overlays(ImVec2 at, float scale) {
  if (!analysis_ || scale <= 0) return;
  const auto& img = *case_->photos[std::size_t(shown_)].image;
  review::ViewTransform xf;
  xf.scale = scale;
  xf.photo_width = img.width;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(at, {at.x + float(img.width) * scale, at.y + float(img.height) * scale}, true);
  OverlayCanvas c{dl, xf, at, img.width, img.height};
  if (analysis_->face) draw_face_box(c, *analysis_->face, analysis_->face_count);
  for (std::size_t i = 0; i < findings_.size(); ++i)
    if (findings_[i].verdict != findings::Verdict::Pass && int(i) != hovered_)
      draw_finding_shapes(c, findings_[i], theme::verdict_u32(findings_[i].verdict, 0.85f), false);
  if (hovered_ >= 0 && hovered_ < int(findings_.size()))
    draw_finding_shapes(c, findings_[std::size_t(hovered_)], theme::kHighlight, true);
  dl->PopClipRect();
}

void CaseView::want_fonts() {
  const auto& c = *case_->file;
  fonts_.want(c.order.applicant_name + c.order.city + c.order.channel);
  for (const auto& a : c.attempts) {
    if (!a.decision) continue;
    const auto& d = *a.decision;
    fonts_.want(d.reviewer + d.other_text);
    if (d.second_review) fonts_.want(d.second_review->reviewer + d.second_review->other_text);
    if (d.overturn) fonts_.want(d.overturn->supervisor + d.overturn->justification + d.overturn->other_text);
  }
  for (const auto& r : c.audit) fonts_.want(r.actor + r.subject);
}

void CaseView::draw(OverturnDialog& overturn) {
  if (!open_) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos({vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 2}, ImGuiCond_Appearing,
                          {0.5f, 0.5f});
  ImGui::SetNextWindowSize({vp->WorkSize.x * 0.94f, vp->WorkSize.y * 0.92f}, ImGuiCond_Appearing);
  const std::string title = std::string(T("ui.sup.case.title")) + " " + order_no_ + "###case";
  if (!ImGui::Begin(title.c_str(), &open_, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  if (!case_ || !case_->file) {
    const bool failed = case_ && !loading_;
    ImGui::TextColored(
        failed ? theme::kError : theme::kMuted, "%s",
        failed ? (case_->error.empty() ? T("ui.sup.case.unknown") : case_->error.c_str()) : T("ui.sup.loading"));
  } else {
    draw_header();
    ImGui::BeginChild("##photo", {ImGui::GetContentRegionAvail().x * 0.36f, 0});
    draw_photo_column();
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##details", {0, 0});
    draw_details(overturn);
    ImGui::EndChild();
  }
  ImGui::End();
}

void CaseView::draw_header() {
  const auto& o = case_->file->order;
  // In full here: see Store::case_file for who sees an applicant's name and ID number.
  ImGui::TextColored(theme::kAccent, "%s", o.order_no.c_str());
  ImGui::SameLine(0, ImGui::GetFontSize() * 2);
  ImGui::Text("%s %s   %s %s   %s %s   %s %s", T("ui.sup.case.applicant"), o.applicant_name.c_str(),
              T("ui.sup.case.id_number"), o.id_number.c_str(), T("ui.sup.case.doc"), doc_type_label(o.doc_type).c_str(),
              T("ui.sup.case.city"), o.city.c_str());
  if (loading_) {
    ImGui::SameLine();
    ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.loading"));
  }
  ImGui::Separator();
}

void CaseView::draw_photo_column() {
  const float em = ImGui::GetFontSize();
  const auto& a = case_->file->attempts[std::size_t(shown_)];
  const auto& photo = case_->photos[std::size_t(shown_)];
  ImGui::Text("%s  %s", attempt_label(a.attempt.attempt_no).c_str(), local_time(a.attempt.submitted_at).c_str());
  const float strip = case_->file->attempts.size() > 1 ? em * 9.5f : 0;
  const ImVec2 box{ImGui::GetContentRegionAvail().x, ImGui::GetContentRegionAvail().y - strip};
  const float status = em * 1.6f;
  if (!photo.image) {
    ImGui::TextColored(theme::kError, "%s%s", T("ui.sup.case.photo_error"), photo.error.c_str());
  } else {
    const Fitted f = draw_fitted(textures_[std::size_t(shown_)], {box.x, box.y - status});
    draw_overlays(f.at, f.scale);
  }
  // Where the shapes come from, or why there are none.
  if (ticket_ != 0)
    ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.case.shapes_loading"));
  else if (!analysis_error_.empty())
    ImGui::TextColored(theme::kWarn, "%s%s", T("ui.sup.case.shapes_error"), analysis_error_.c_str());
  else if (analysis_)
    ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.case.shapes_note"));
  if (strip > 0) draw_attempts();
}

// Every attempt side by side: its thumbnail, its number and its decision; a click shows it.
void CaseView::draw_attempts() {
  const float em = ImGui::GetFontSize();
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - em * 9.5f);
  ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.case.attempts"));
  const auto& attempts = case_->file->attempts;
  for (std::size_t i = 0; i < attempts.size(); ++i) {
    if (i > 0) ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushID(int(i));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    if (ImGui::Selectable("##pick", int(i) == shown_, 0, {em * 5.2f, em * 6.4f})) {
      shown_ = int(i);
      analyse_shown();
      refresh_findings();
    }
    ImGui::SetCursorScreenPos(at);
    draw_fitted(textures_[i], {em * 5.2f, em * 6.4f});
    ImGui::PopID();
    const auto& d = attempts[i].decision;
    ImGui::TextUnformatted(attempt_label(attempts[i].attempt.attempt_no).c_str());
    ImGui::SameLine();
    if (d)
      outcome_text(d->overturn ? d->overturn->to_decision : d->decision);
    else
      ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.case.pending"));
    ImGui::EndGroup();
  }
}

void CaseView::draw_details(OverturnDialog& overturn) {
  const auto& c = *case_->file;
  const auto& a = c.attempts[std::size_t(shown_)];
  // An overturn turns the order's latest decision round, which is the last attempt's.
  const auto& last = c.attempts.back().decision;
  const bool can_overturn = last && !last->overturn;
  ImGui::BeginDisabled(!can_overturn || overturn.busy());
  if (ImGui::Button(T("ui.sup.case.overturn_button")) && can_overturn)
    overturn.open({c.order.order_no, last->decision, std::nullopt});
  ImGui::EndDisabled();
  // Two columns: what was decided about the attempt; what the reviewer saw and what happened.
  if (!ImGui::BeginTable("##case_parts", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerV)) return;
  ImGui::TableSetupColumn("##decided", ImGuiTableColumnFlags_WidthStretch, 0.38f);
  ImGui::TableSetupColumn("##seen", ImGuiTableColumnFlags_WidthStretch, 0.62f);
  ImGui::TableNextColumn();
  if (a.decision)
    draw_decision(*a.decision);
  else
    ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.case.pending"));
  ImGui::TableNextColumn();
  if (a.decision) draw_findings();
  draw_audit();
  ImGui::EndTable();
}

void CaseView::draw_decision(const store::CaseDecision& d) {
  section(T("ui.sup.case.decision"));
  ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.case.decision"));
  ImGui::SameLine(ImGui::GetFontSize() * 6);
  outcome_text(d.decision);
  field("ui.sup.case.reviewer", d.reviewer);
  field("ui.sup.case.reasons", joined_reasons(d.reasons));
  field("ui.sup.case.other", d.other_text);
  field("ui.sup.case.shown", local_time(d.shown_at));
  field("ui.sup.case.decided", local_time(d.decided_at));
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.1f %s", double(d.review_ms) / 1000.0, T("ui.sup.case.seconds"));
  field("ui.sup.case.review_time", secs);
  field("ui.sup.case.image_number", d.image_number);

  section(T("ui.sup.case.second"));
  if (!d.second_review) {
    ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.case.no_second"));
  } else {
    const auto& s = *d.second_review;
    outcome_text(s.decision);
    ImGui::SameLine();
    ImGui::TextColored(s.agrees ? theme::kMuted : theme::kWarn, "%s",
                       T(s.agrees ? "ui.sup.agrees" : "ui.sup.disagrees"));
    field("ui.sup.case.reviewer", s.reviewer);
    field("ui.sup.case.reasons", joined_reasons(s.reasons));
    field("ui.sup.case.other", s.other_text);
    field("ui.sup.case.decided", local_time(s.decided_at));
    field("ui.sup.case.resolved", s.resolution.empty() ? "" : s.resolved_by + "  " + s.resolution);
  }

  section(T("ui.sup.case.overturn"));
  if (!d.overturn) {
    ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.case.no_overturn"));
  } else {
    const auto& o = *d.overturn;
    outcome_text(o.from_decision);
    ImGui::SameLine();
    ImGui::TextUnformatted("->");
    ImGui::SameLine();
    outcome_text(o.to_decision);
    field("ui.sup.case.supervisor", o.supervisor);
    field("ui.sup.case.decided", local_time(o.overturned_at));
    field("ui.sup.case.justification", o.justification);
    field("ui.sup.case.reasons", joined_reasons(o.reasons));
    field("ui.sup.case.other", o.other_text);
    field("ui.sup.case.revoked", o.revoked_number);
    field("ui.sup.case.new_number", o.image_number);
  }
}

// The findings the reviewer had on screen, as the decision's record keeps them.
void CaseView::draw_findings() {
  section(T("ui.sup.case.findings"));
  const auto i = std::size_t(shown_);
  if (!case_->record_errors[i].empty()) {
    ImGui::TextColored(theme::kError, "%s%s", T("ui.sup.case.record_bad"), case_->record_errors[i].c_str());
    return;
  }
  const auto& record = case_->records[i];
  if (!record || record->findings.empty()) {
    ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.case.no_findings"));
    return;
  }
  if (!record->spec_id.empty())
    ImGui::TextColored(theme::kMuted, "%s %s (%s)", T("ui.sup.case.spec"), record->spec_id.c_str(),
                       T(case_->spec_kept[i] ? "ui.sup.case.spec_kept" : "ui.sup.case.spec_missing"));
  const auto& rows = findings_;
  const float em = ImGui::GetFontSize();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY;
  const float height = std::min(em * 1.6f * float(rows.size() + 1), em * 14);
  if (!ImGui::BeginTable("##findings", 4, flags, {0, height})) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(T("ui.sup.case.col.verdict"), ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
  ImGui::TableSetupColumn(T("ui.sup.case.col.rule"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(T("ui.sup.case.col.value"), ImGuiTableColumnFlags_WidthFixed, em * 5);
  ImGui::TableSetupColumn(T("ui.sup.case.col.score"), ImGuiTableColumnFlags_WidthFixed, em * 3.5f);
  ImGui::TableHeadersRow();
  int hovered = -1;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& f = rows[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(int(i));
    ImGui::PushStyleColor(ImGuiCol_Text, theme::verdict_colour(f.verdict));
    // The whole row hovers: its shapes are drawn thick on the photo.
    ImGui::Selectable(T("verdict." + std::string(findings::verdict_code(f.verdict))), false,
                      ImGuiSelectableFlags_SpanAllColumns);
    ImGui::PopStyleColor();
    ImGui::PopID();
    if (ImGui::IsItemHovered()) hovered = int(i);
    ImGui::TableNextColumn();
    std::string note = detail_text(f);
    if (f.confidence == findings::Confidence::Low) note = std::string(T("ui.findings.unsure")) + "  " + note;
    ImGui::TextUnformatted((rule_name(f.rule_id) + (note.empty() ? "" : "  " + note)).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(value_text(f).c_str());
    ImGui::TableNextColumn();
    if (f.score >= 0) ImGui::Text("%d", f.score);
  }
  ImGui::EndTable();
  hovered_ = hovered;
}

// Every audit row about the case: the order, its attempts, their second reviews.
void CaseView::draw_audit() {
  section(T("ui.sup.case.audit"));
  const auto& rows = case_->file->audit;
  const float em = ImGui::GetFontSize();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY;
  const float height = std::max(em * 6, ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y * 2);
  if (!ImGui::BeginTable("##audit", 4, flags, {0, height})) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(T("ui.sup.case.col.time"), ImGuiTableColumnFlags_WidthFixed, em * 9.5f);
  ImGui::TableSetupColumn(T("ui.sup.case.col.actor"), ImGuiTableColumnFlags_WidthFixed, em * 5);
  ImGui::TableSetupColumn(T("ui.sup.case.col.action"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(T("ui.sup.case.col.subject"), ImGuiTableColumnFlags_WidthFixed, em * 8);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(int(rows.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& r = rows[std::size_t(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(local_time(r.at).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.actor.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(action_label(r.action).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.subject.c_str());
    }
  ImGui::EndTable();
}

}  // namespace rs::ui::supervise
