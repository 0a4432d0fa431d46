#pragma once
// Why a measure could not judge a photo. A cause is a code, not a sentence: the screen shows
// "cannot_assess.<code>" from the text table in the reviewer's language, and the decision record
// keeps the code, so nothing English reaches a Chinese screen (tests/unit/test_i18n.cpp checks
// that both tables have every cause).
#include <array>
#include <string_view>

namespace rs::findings {

enum class Cause {
  NotInSpecFrame,  // not in its document's GA 461 frame yet: geometry needs the cropped photo
  FaceTooSmall,
  NoSkinReference,  // cheeks hidden, so there is no skin colour to compare with
  CheeksHidden,
  NoSkinColour,
  SkinOrEyesHidden,
  HalfFaceHidden,
  EyesTooClose,
  EyesTooSmall,
  CrownTooSmall,
  TooLittleNeck,
  NoBackgroundAroundHead,
  TooLittleBackground,
  NoCleanBackground,
  BackgroundTooDark,
  NoFlatArea,
  PoseFitFailed,
  NotJpeg,
  DarkFaceLitPhoto,    // a dark face in a photo with bright parts: dark skin or a back light
  HairOrDarkCap,       // a straight edge under something dark and grainy: a hairline or a dark cap
  FlatBrightSkin,      // large flat bright patches on the skin: blown out, or smoothed (make-up, a filter)?
  HairTouchesTop,      // hair reaches the top edge where the skull fits below it: cut or only touching?
  NoHairColour,        // no hair to sample its colour from (a bald head, a hat, a crop above the brows)
  HairLikeSkin,        // the hair's colour is too close to the skin's to tell an ear from a strand
  HairLikeBackground,  // the hair's colour is the wall's: where hair ends cannot be seen
  NoEarsSeen,          // neither an ear nor hair beside the face: ears hidden by a turn, or hair unlike its sample
  HeadTilted,          // the head leans too far for regions placed upright beside it
  HeadTurned,          // the head is turned too far for lengths in face widths
  DarkCoverOrBeard,    // the lower face is dark and grey: a full beard, a shadow or a dark cover?
  SkinPastJaw,         // skin runs on past the fitted jaw line: a hand on the cheek, or the neck?
  SkinColouredBead,    // a jewellery-shaped blob of the skin's colour at the lobe: a pearl, or light?
};

inline constexpr std::array<Cause, 31> kAllCauses = {
    Cause::NotInSpecFrame,      Cause::FaceTooSmall,      Cause::NoSkinReference,    Cause::CheeksHidden,
    Cause::NoSkinColour,        Cause::SkinOrEyesHidden,  Cause::HalfFaceHidden,     Cause::EyesTooClose,
    Cause::EyesTooSmall,        Cause::CrownTooSmall,     Cause::TooLittleNeck,      Cause::NoBackgroundAroundHead,
    Cause::TooLittleBackground, Cause::NoCleanBackground, Cause::BackgroundTooDark,  Cause::NoFlatArea,
    Cause::PoseFitFailed,       Cause::NotJpeg,           Cause::DarkFaceLitPhoto,   Cause::HairTouchesTop,
    Cause::NoHairColour,        Cause::HairLikeSkin,      Cause::HairLikeBackground, Cause::HairOrDarkCap,
    Cause::DarkCoverOrBeard,    Cause::NoEarsSeen,        Cause::FlatBrightSkin,     Cause::HeadTilted,
    Cause::HeadTurned,          Cause::SkinPastJaw,       Cause::SkinColouredBead};

// The text-table key of a cause: "cannot_assess.<code>".
std::string_view cause_key(Cause c);

}  // namespace rs::findings
