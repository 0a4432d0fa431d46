// reviewstation receipt --db PATH NUMBER --out FILE.pdf|FILE.png
#include <cstdio>

#include "cli/command.hpp"
#include "core/domain/image_number.hpp"
#include "core/issuing/receipt.hpp"
#include "core/store/store.hpp"

namespace {
int run_receipt(const rs::cli::Args& args) {
  if (args.positional().size() != 1) throw rs::cli::UsageError("name exactly one image NUMBER");
  const std::string& number = args.positional()[0];
  std::filesystem::path out = args.required("--out");
  auto ext = out.extension().string();
  if (ext != ".pdf" && ext != ".png") throw rs::cli::UsageError("--out must end in .pdf or .png");
  auto parsed = rs::parse_image_number(number);
  if (!parsed.parts) {
    std::fprintf(stderr, "receipt: image number '%s' is malformed: %s\n", number.c_str(), parsed.error.c_str());
    return 15;
  }
  rs::store::Store store(args.required("--db"));
  auto data = store.receipt_data(number);
  if (!data) {
    std::fprintf(stderr, "receipt: image number %s was never issued\n", number.c_str());
    return 14;
  }
  rs::issuing::render_receipt(*data, ext == ".pdf" ? rs::issuing::ReceiptFormat::Pdf : rs::issuing::ReceiptFormat::Png,
                              out);
  std::printf("receipt %s written to %s\n", number.c_str(), out.c_str());
  return 0;
}
}  // namespace

RS_COMMAND(
    "receipt", "render the printable receipt of an image number",
    "Renders the receipt (回执单) with the photo at its spec size, the number as text and QR code,\n"
    "city, document type, the applicant's name and masked ID number, issue and expiry dates.\n"
    "The stored photo is decoded with the same caps as intake: a larger one is refused from its\n"
    "header, before any pixel is decoded.\n"
    "Control characters in the stored text are left out; a character the receipt font lacks\n"
    "(a rare 生僻字 of CJK Extension B and beyond) is printed in HanaMin (fonts-hanazono).",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      a.positionals("NUMBER", "the image number", 1, 1);
      a.option("--out", "FILE", "FILE.pdf or FILE.png", true);
    },
    run_receipt);
