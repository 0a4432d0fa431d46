#include "ui/supervise/view_overturn.hpp"

#include <imgui.h>

#include <cstdio>
#include <cstring>

#include "core/domain/reason.hpp"
#include "core/store/store.hpp"
#include "ui/shell/keys.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui::supervise {
namespace {
constexpr const char* kPopup = "###overturn";

const char* decision_label(const std::string& d) {
  return d == "approved" ? T("ui.sup.approved") : T("ui.sup.rejected");
}
}  // namespace

OverturnDialog::OverturnDialog(Desk& desk, Fonts& fonts) : desk_(desk), fonts_(fonts) {}

void OverturnDialog::open(OverturnTarget target) {
  if (busy_) return;
  target_ = std::move(target);
  justification_[0] = other_[0] = '\0';
  reasons_.clear();
  refusal_.clear();
  open_requested_ = true;
}

void OverturnDialog::submit() {
  if (justification_[0] == '\0') {
    refusal_ = T("ui.sup.ot.need_text");
    return;
  }
  store::OverturnRequest req{target_.order_no, justification_, {}, {}};
  if (target_.decision == "approved") {
    if (reasons_.empty()) {
      refusal_ = T("ui.sup.ot.need_reason");
      return;
    }
    for (const auto& r : all_reasons())  // the picker's order, which the notice lists
      if (reasons_.count(std::string(r.code))) {
        req.reasons.emplace_back(r.code);
        if (r.needs_text) req.other_text = other_;
      }
  }
  busy_ = true;
  refusal_.clear();
  desk_.post([req, id = target_.disagreement_id, out = answer_](store::Store& s, const accounts::Actor& sup) {
    try {
      const auto r = s.overturn(sup, req);
      // From the inbox: the disagreement is dealt with (its own short transaction; should it fail,
      // the overturn stands and the disagreement stays open for a second look).
      if (id) s.resolve_disagreement(sup, *id, "overturned");
      std::fprintf(stderr, "gui: overturned %s\n", r.order_no.c_str());
      std::string done = std::string(T("ui.sup.ot.done")) + r.order_no + "  ";
      done += r.to == store::Outcome::Approve ? std::string(T("ui.sup.ot.new_number")) + r.image_number
                                              : std::string(T("ui.sup.ot.revoked")) + r.revoked_number;
      out->put({true, done});
    } catch (const store::Refusal& e) {
      std::fprintf(stderr, "gui: overturn of %s refused: %s\n", req.order_no.c_str(), e.what());
      out->put({false, e.what()});
    }
  });
}

void OverturnDialog::collect() {
  auto a = answer_->take();
  if (!a) return;
  busy_ = false;
  if (a->ok) {
    message_ = a->message;
    ++done_serial_;
    ImGui::CloseCurrentPopup();
  } else {
    refusal_ = a->message;
    fonts_.want(refusal_);
  }
}

void OverturnDialog::draw_reasons() {
  ImGui::TextUnformatted(T("ui.sup.ot.reasons"));
  bool other = false;
  if (ImGui::BeginTable("##reasons", 3)) {
    for (const auto& r : all_reasons()) {
      ImGui::TableNextColumn();
      const std::string code(r.code);
      bool on = reasons_.count(code) > 0;
      if (ImGui::Checkbox((reason_label(code) + "##" + code).c_str(), &on)) {
        if (on)
          reasons_.insert(code);
        else
          reasons_.erase(code);
      }
      other |= on && r.needs_text;
    }
    ImGui::EndTable();
  }
  if (other) {
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##other", T("ui.sup.ot.other"), other_, sizeof other_);
  }
}

void OverturnDialog::draw() {
  const std::string title = std::string(T("ui.sup.ot.title")) + " " + target_.order_no + kPopup;
  if (open_requested_) {
    ImGui::OpenPopup(title.c_str());
    open_requested_ = false;
  }
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(em * 40, 0));
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoResize)) {
    if (busy_) collect();  // an answer after the popup closed (Esc) is still taken
    return;
  }
  collect();
  const bool to_rejection = target_.decision == "approved";
  ImGui::Text("%s%s    %s%s", T("ui.sup.ot.now"), decision_label(target_.decision), T("ui.sup.ot.becomes"),
              decision_label(to_rejection ? "rejected" : "approved"));
  ImGui::Spacing();
  ImGui::TextUnformatted(T("ui.sup.ot.justification"));
  ImGui::InputTextMultiline("##justification", justification_, sizeof justification_, ImVec2(-1, em * 4));
  fonts_.want(justification_);
  if (to_rejection) draw_reasons();
  if (!refusal_.empty()) ImGui::TextColored(theme::kError, "%s", refusal_.c_str());
  ImGui::Spacing();
  ImGui::BeginDisabled(busy_);
  theme::push_button_colour(to_rejection ? theme::kReject : theme::kApprove);
  if (ImGui::Button(T("ui.sup.ot.confirm"), ImVec2(em * 8, 0))) submit();
  theme::pop_button_colour();
  ImGui::SameLine();
  if (ImGui::Button(T("ui.sup.ot.cancel"), ImVec2(em * 6, 0)) || keys::escape()) ImGui::CloseCurrentPopup();
  ImGui::EndDisabled();
  if (busy_) {
    ImGui::SameLine();
    ImGui::TextUnformatted(T("ui.sup.ot.busy"));
  }
  ImGui::EndPopup();
}

}  // namespace rs::ui::supervise
