#pragma once
// The banner over the photo while the queue server is away (issue 18): which retry this is, and
// the decision kept to be sent again. Drawn only while the session reports a lost connection.
#include <string>

#include "core/review/review_session.hpp"
#include "ui/shell/fonts.hpp"

namespace rs::ui {

class ConnectionView {
 public:
  void draw(const review::SessionSnapshot& snap, Fonts& fonts);

 private:
  int logged_retry_ = 0;  // the retry last written to the log (the e2e test follows it)
};

// "… 正在重试（第 3 次）…": the banner's text for a retry.
std::string connection_banner(int retry);

}  // namespace rs::ui
