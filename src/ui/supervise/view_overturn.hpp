#pragma once
// The overturn dialog, opened from the decision browser and the inbox: the justification is
// required, and when an approval becomes a rejection the reasons the applicant will read. It
// calls Store::overturn on the desk; the store decides whether it may (role, own decision, latest
// round) and its refusal is shown as it is.
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "ui/shell/fonts.hpp"
#include "ui/supervise/desk.hpp"

namespace rs::ui::supervise {

struct OverturnTarget {
  std::string order_no;
  std::string decision;                         // approved | rejected: what it is now
  std::optional<std::int64_t> disagreement_id;  // from the inbox: resolved once overturned
};

class OverturnDialog {
 public:
  OverturnDialog(Desk& desk, Fonts& fonts);
  void open(OverturnTarget target);
  void draw();
  bool busy() const { return busy_; }
  // Grows with every overturn done: the panels reload what it changed.
  std::uint64_t done_serial() const { return done_serial_; }
  const std::string& last_message() const { return message_; }  // the latest done or refused

 private:
  struct Answer {
    bool ok = false;
    std::string message;
  };
  void submit();
  void collect();
  void draw_reasons();

  Desk& desk_;
  Fonts& fonts_;
  OverturnTarget target_;
  bool open_requested_ = false, busy_ = false;
  char justification_[1024] = {};
  char other_[512] = {};
  std::set<std::string> reasons_;
  std::string refusal_, message_;
  std::uint64_t done_serial_ = 0;
  std::shared_ptr<Handover<Answer>> answer_ = std::make_shared<Handover<Answer>>();
};

}  // namespace rs::ui::supervise
