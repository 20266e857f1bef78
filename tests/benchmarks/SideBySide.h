#pragma once

#include "core/domain/Result.h"
#include "tests/benchmarks/Samples.h"

#include <QElapsedTimer>

#include <functional>

class Database;

// XP Admin's code path and the raw engine doing the same work, timed in turns so that both see
// the same machine.
namespace SideBySide {

// A step that times itself (so that it can leave its preparation out), in milliseconds.
using TimedStep = std::function<Result<double>()>;

// The whole of action, timed.
TimedStep timed(std::function<Status()> action);
// Runs xpadmin and raw alternately `runs` times; the samples of each.
Status compare(int runs, const TimedStep &xpadmin, const TimedStep &raw, Samples &xpadminMs, Samples &rawMs);
// The time since timer started, in milliseconds.
double msOf(const QElapsedTimer &timer);
// Seals, untimed, what capture recorded of the raw side's (or the web app's) writes: XP Admin's
// next write would otherwise seal them inside its timed transaction, charging it for work that
// is capture's (figure 11). Nothing on SQLite or without capture.
Status sealOthersWrites(Database &db);

} // namespace SideBySide
