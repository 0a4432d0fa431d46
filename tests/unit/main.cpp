#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "core/accounts/password.hpp"

int main(int argc, char** argv) {
  // The tests make hundreds of throwaway accounts; the hash cost is not what they test.
  rs::accounts::use_minimal_hash_cost();
  return doctest::Context(argc, argv).run();
}
