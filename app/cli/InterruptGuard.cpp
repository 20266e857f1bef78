#include "app/cli/InterruptGuard.h"

#include <atomic>
#include <csignal>

namespace {

std::atomic<bool> s_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

void onInterrupt(int)
{
    s_interrupted.store(true);
    // Only the first Ctrl+C is caught; the next one ends the program.
    std::signal(SIGINT, SIG_DFL);
}

} // namespace

InterruptGuard::InterruptGuard()
{
    s_interrupted.store(false);
    m_previous = std::signal(SIGINT, onInterrupt);
}

InterruptGuard::~InterruptGuard()
{
    std::signal(SIGINT, m_previous == SIG_ERR ? SIG_DFL : m_previous);
}

bool InterruptGuard::interrupted()
{
    return s_interrupted.load();
}
