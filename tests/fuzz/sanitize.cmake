# RS_SANITIZE=ON: the core, the unit tests and the libFuzzer intake target under AddressSanitizer and
# UndefinedBehaviorSanitizer. Included from the top-level CMakeLists before any target is defined,
# so every target of the tree gets the flags. clang-14 only: its libFuzzer (libfuzzer-14-dev) and
# sanitizer runtimes (libclang-rt-14-dev) are the ones .ci/setup installs, and GCC has no libFuzzer.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR NOT CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 14
   OR NOT CMAKE_CXX_COMPILER_VERSION VERSION_LESS 15)
  message(FATAL_ERROR
    "RS_SANITIZE=ON needs clang-14 (found ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}). "
    "Configure a fresh build folder with CC=clang-14 CXX=clang++-14, e.g. "
    "bash tests/fuzz/sanitize.sh . build-asan (bash .ci/setup installs clang-14).")
endif()

# -fno-sanitize-recover: the first undefined behaviour stops the test (a report alone would pass).
# -O1: ASan's recommended level, fast enough for the unit tests; -g for readable reports.
set(RS_SANITIZE_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
# fuzzer-no-link: coverage counters in rs_core, so libFuzzer sees which branches of the parsers a
# mutation reached (without it only fuzz_intake.cpp's own 182 counters guide it). The unit tests
# carry the counters too; the ASan runtime's no-op callbacks serve them (a few % slower).
add_compile_options(${RS_SANITIZE_FLAGS} -fsanitize=fuzzer-no-link -O1 -g)
add_link_options(${RS_SANITIZE_FLAGS})
