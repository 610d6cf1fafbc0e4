// delivery-sim: replays a scripted delivery against the example retry policy
// and prints the attempts, an ASCII timeline and the outcome.
//
//   delivery-sim SCENARIO_FILE...
//
// Scenario files: README.md; examples in examples/data/*.scenario.
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "report.hpp"
#include "simulate.hpp"

namespace {

constexpr int exit_ok = 0;
constexpr int exit_bad_scenario = 1;  // a file could not be read or parsed
constexpr int exit_usage = 2;

constexpr std::string_view usage =
    "Usage: delivery-sim SCENARIO_FILE...\n"
    "\n"
    "Replays each scenario (scripted SMTP replies over time) against the example\n"
    "retry policy with a fake clock and a fixed seed, and prints the replies that\n"
    "mattered, the decisions, an ASCII timeline and the outcome.\n"
    "Scenario format: examples/delivery_sim/README.md.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << usage;
    return exit_usage;
  }
  int status = exit_ok;
  bool printed = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << usage;
      return exit_ok;
    }
  }
  for (int i = 1; i < argc; ++i) {
    const std::string file = argv[i];
    std::ifstream in(file);
    if (!in) {
      std::cerr << "delivery-sim: cannot read " << file << "\n";
      status = exit_bad_scenario;
      continue;
    }
    delivery_sim::scenario s;
    delivery_sim::scenario_error error;
    if (!delivery_sim::parse_scenario(in, s, error)) {
      std::cerr << file << ":" << error.line << ": " << error.message << "\n";
      status = exit_bad_scenario;
      continue;
    }
    if (printed) std::cout << "\n" << std::string(100, '=') << "\n\n";
    delivery_sim::print_report(std::cout, file, s, delivery_sim::simulate(s));
    printed = true;
  }
  return status;
}
