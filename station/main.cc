// gongkai-station: the village station program. Everything lives in the
// gongkai_station library; this file only hands over the command line.
#include <iostream>

#include "station/app/run.h"

int main(int argc, char** argv) {
  return gongkai::station::RunStationCli(argc, argv, std::cout, std::cerr);
}
