#pragma once

#include "core/domain/CancelToken.h"

// Catches Ctrl+C (SIGINT) and SIGTERM while it lives, so that an operation can stop cleanly and
// keep nothing: a progress callback asks interrupted() and returns false, and the database
// connection, given token(), ends a wait for a lock at once and commits nothing. A second signal
// ends the program at once, as usual. Guards nest: only the outermost one installs the handlers,
// so a signal that came before an inner guard is not forgotten.
class InterruptGuard final
{
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

    static bool interrupted();
    // Cancelled once a signal came.
    static CancelToken token();

private:
    using Handler = void (*)(int);
    Handler m_previousInt = nullptr;
    Handler m_previousTerm = nullptr;
    bool m_outermost = false;
};
