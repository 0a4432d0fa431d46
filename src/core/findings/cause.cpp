#include "core/findings/cause.hpp"

namespace rs::findings {

std::string_view cause_key(Cause c) {
  switch (c) {
    case Cause::NotInSpecFrame: return "cannot_assess.not_in_spec_frame";
    case Cause::FaceTooSmall: return "cannot_assess.face_too_small";
    case Cause::NoSkinReference: return "cannot_assess.no_skin_reference";
    case Cause::CheeksHidden: return "cannot_assess.cheeks_hidden";
    case Cause::NoSkinColour: return "cannot_assess.no_skin_colour";
    case Cause::SkinOrEyesHidden: return "cannot_assess.skin_or_eyes_hidden";
    case Cause::HalfFaceHidden: return "cannot_assess.half_face_hidden";
    case Cause::EyesTooClose: return "cannot_assess.eyes_too_close";
    case Cause::EyesTooSmall: return "cannot_assess.eyes_too_small";
    case Cause::CrownTooSmall: return "cannot_assess.crown_too_small";
    case Cause::TooLittleNeck: return "cannot_assess.too_little_neck";
    case Cause::NoBackgroundAroundHead: return "cannot_assess.no_background_around_head";
    case Cause::TooLittleBackground: return "cannot_assess.too_little_background";
    case Cause::NoCleanBackground: return "cannot_assess.no_clean_background";
    case Cause::BackgroundTooDark: return "cannot_assess.background_too_dark";
    case Cause::NoFlatArea: return "cannot_assess.no_flat_area";
    case Cause::PoseFitFailed: return "cannot_assess.pose_fit_failed";
    case Cause::NotJpeg: return "cannot_assess.not_jpeg";
    case Cause::DarkFaceLitPhoto: return "cannot_assess.dark_face_lit_photo";
    case Cause::HairOrDarkCap: return "cannot_assess.hair_or_dark_cap";
    case Cause::FlatBrightSkin: return "cannot_assess.flat_bright_skin";
    case Cause::HairTouchesTop: return "cannot_assess.hair_touches_top";
    case Cause::NoHairColour: return "cannot_assess.no_hair_colour";
    case Cause::HairLikeSkin: return "cannot_assess.hair_like_skin";
    case Cause::HairLikeBackground: return "cannot_assess.hair_like_background";
    case Cause::NoEarsSeen: return "cannot_assess.no_ears_seen";
    case Cause::HeadTilted: return "cannot_assess.head_tilted";
    case Cause::HeadTurned: return "cannot_assess.head_turned";
    case Cause::DarkCoverOrBeard: return "cannot_assess.dark_cover_or_beard";
    case Cause::SkinPastJaw: return "cannot_assess.skin_past_jaw";
    case Cause::SkinColouredBead: return "cannot_assess.skin_coloured_bead";
  }
  return "cannot_assess.other";
}

}  // namespace rs::findings
