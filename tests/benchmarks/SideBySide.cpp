#include "tests/benchmarks/SideBySide.h"

#include "core/capture/CaptureSealer.h"

namespace SideBySide {

double msOf(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

TimedStep timed(std::function<Status()> action)
{
    return [action = std::move(action)]() -> Result<double> {
        QElapsedTimer timer;
        timer.start();
        if (const Status s = action(); !s)
            return s.error();
        return msOf(timer);
    };
}

Status compare(int runs, const TimedStep &xpadmin, const TimedStep &raw, Samples &xpadminMs, Samples &rawMs)
{
    // The two sides take turns going first: whichever runs second finds the pages the first one
    // read in the cache.
    const auto one = [](const TimedStep &step, Samples &samples) -> Status {
        auto ms = step();
        if (!ms)
            return ms.error();
        samples.add(*ms);
        return {};
    };
    for (int run = 0; run < runs; ++run) {
        const bool rawFirst = run % 2 == 1;
        if (const Status s = rawFirst ? one(raw, rawMs) : one(xpadmin, xpadminMs); !s)
            return s;
        if (const Status s = rawFirst ? one(xpadmin, xpadminMs) : one(raw, rawMs); !s)
            return s;
    }
    return {};
}

Status sealOthersWrites(Database &db)
{
    auto sealed = CaptureSealer(db).sealWaiting();
    return sealed ? Status() : Status(sealed.error());
}

} // namespace SideBySide
