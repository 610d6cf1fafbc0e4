// The doctest runner for the smtp_reply suite (Debian's doctest has no doctest_with_main).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
