#include "app/cli/InterruptGuard.h"

#include <atomic>
#include <csignal>

namespace {

std::atomic<bool> s_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");
int s_depth = 0; // guards alive; the main thread's only

void onInterrupt(int signal)
{
    s_interrupted.store(true);
    // Only the first signal is caught; the next one ends the program.
    std::signal(signal, SIG_DFL);
}

} // namespace

InterruptGuard::InterruptGuard() : m_outermost(s_depth++ == 0)
{
    if (!m_outermost)
        return;
    s_interrupted.store(false);
    m_previousInt = std::signal(SIGINT, onInterrupt);
    m_previousTerm = std::signal(SIGTERM, onInterrupt);
}

InterruptGuard::~InterruptGuard()
{
    --s_depth;
    if (!m_outermost)
        return;
    std::signal(SIGINT, m_previousInt == SIG_ERR ? SIG_DFL : m_previousInt);
    std::signal(SIGTERM, m_previousTerm == SIG_ERR ? SIG_DFL : m_previousTerm);
}

bool InterruptGuard::interrupted()
{
    return s_interrupted.load();
}

CancelToken InterruptGuard::token()
{
    return CancelToken::of(s_interrupted);
}
